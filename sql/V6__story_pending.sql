-- Story placement in two steps (issue 13). A poll's transaction stores its items with their
-- candidate keys (story_key) and queues them here; a second, short transaction places them and
-- deletes their rows. Placement then reads the keys of every item committed before it, so of two
-- copies of one story stored at the same instant by two processes, the one placed second sees the
-- first (committed before its read); when both are still being placed, the row lock here decides
-- which process places both (see store.StoryPlacer). Nothing is locked for a whole poll, so polls
-- whose items merely share common keys no longer wait for each other (story_key_lock did that).
-- A row left by a crash or an outage between the two steps is placed by a later placement.
CREATE TABLE story_pending (
  item_id   BIGINT      NOT NULL,
  queued_at DATETIME(6) NOT NULL,
  PRIMARY KEY (item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_story_pending_queued ON story_pending (queued_at);

DROP TABLE story_key_lock;
