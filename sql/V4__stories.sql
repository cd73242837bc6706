-- Stories (issue 13): every item belongs to one story; the merged feed shows one entry per story.
-- A story's entry id and first-seen time are those of its first item, so a reader never sees an
-- entry twice when a later agency joins it.
CREATE TABLE story (
  id             BIGINT      NOT NULL AUTO_INCREMENT,
  first_item_id  BIGINT      NOT NULL,
  first_seen_at  DATETIME(6) NOT NULL,
  -- the newest item that joined: the window of candidate stories and the feed's "updated"
  last_item_at   DATETIME(6) NOT NULL,
  item_count     INT         NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  CONSTRAINT uk_story_first_item UNIQUE (first_item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_story_last_item ON story (last_item_at);

ALTER TABLE item ADD COLUMN story_id BIGINT NULL;
-- dedup.StoryEvidence.encode(): computed once when the item is finished
ALTER TABLE item ADD COLUMN story_evidence BLOB NULL;
CREATE INDEX ix_item_story ON item (story_id, first_seen_at, id);

-- Existing items: items that shared a canonical URL were already shown as one entry; they become
-- one story, the rest a story each. (Data only: jOOQ's DDL replay on H2 skips it.)
-- [jooq ignore start]
INSERT INTO story (first_item_id, first_seen_at, last_item_at, item_count)
SELECT MIN(id), MIN(first_seen_at), MAX(first_seen_at), COUNT(*)
FROM item
GROUP BY COALESCE(canonical_url_hash, CONCAT('item-', id));

UPDATE item i JOIN story s ON s.first_item_id = i.id SET i.story_id = s.id;

UPDATE item i
JOIN item f ON f.canonical_url_hash = i.canonical_url_hash AND f.story_id IS NOT NULL
SET i.story_id = f.story_id
WHERE i.story_id IS NULL;
-- [jooq ignore stop]

-- Candidate index: every key of an item's evidence (dedup.StoryEvidence.candidateKeys), with
-- the time the item was seen. Candidates are read per key, newest first, within the window and
-- with a limit, so the cost of a look-up does not grow with the archive; rows older than the
-- window are pruned by housekeeping. Items of sources with `stories: false` have no rows.
CREATE TABLE story_key (
  key_hash   BIGINT      NOT NULL,
  seen_at    DATETIME(6) NOT NULL,
  item_id    BIGINT      NOT NULL,
  -- seen_at + the window it was written with: housekeeping drops the row after that
  keep_until DATETIME(6) NOT NULL,
  PRIMARY KEY (key_hash, seen_at, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_story_key_item ON story_key (item_id);
CREATE INDEX ix_story_key_keep ON story_key (keep_until);

-- One row per key in use: an assignment locks its item's keys here (in ascending order) before
-- it reads candidates, so two processes storing two copies of one story at the same instant
-- are serialised by the database and the second sees the first's story (one story, not two).
-- keep_until lets housekeeping drop rows of keys no longer in any window.
CREATE TABLE story_key_lock (
  key_hash   BIGINT      NOT NULL,
  keep_until DATETIME(6) NOT NULL,
  PRIMARY KEY (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_story_key_lock_keep ON story_key_lock (keep_until);

-- Per-source line statistics (dedup.SourceLines): how many items of a source contained a line.
-- Lines that recur across many of a source's items are its boilerplate. Lines seen in fewer
-- than three items and not again within the window (keep_until) are pruned by housekeeping, so
-- the table keeps the recurring lines and the recent ones, not every line ever stored.
CREATE TABLE source_line (
  source_id  VARCHAR(64) NOT NULL,
  line_hash  BIGINT      NOT NULL,
  items      INT         NOT NULL,
  keep_until DATETIME(6) NOT NULL,
  PRIMARY KEY (source_id, line_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_source_line_keep ON source_line (keep_until, items);

-- The number of items each source's line statistics were counted over.
CREATE TABLE source_line_items (
  source_id VARCHAR(64) NOT NULL,
  items     INT         NOT NULL,
  PRIMARY KEY (source_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
