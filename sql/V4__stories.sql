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
