-- Story keys (issue 13) were the largest write of a stored item: about 23 rows an item, each
-- into the primary key and into an index on item_id. That index served only the reads by item
-- (the keys of a queued item, of an edited one, of a deleted one, of those past the window),
-- yet it was two fifths of the key table's size and a third of the inserts' server CPU. An
-- item's keys are now kept beside its evidence (key_hashes: 8 bytes per key, big-endian, in
-- ascending order), every read by item goes through story_evidence, and the key rows are
-- found and deleted by their primary key (key_hash, item_id). seen_at stays for the window's
-- bounds. Key rows of items without evidence (none are written so; a row left by an earlier
-- release) could no longer be found by item, so they are not carried over.
CREATE TABLE story_key_by_item (
  key_hash BIGINT      NOT NULL,
  item_id  BIGINT      NOT NULL,
  seen_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (key_hash, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE story_evidence ADD COLUMN key_hashes BLOB NOT NULL DEFAULT '';

-- [jooq ignore start]
INSERT IGNORE INTO story_key_by_item (key_hash, item_id, seen_at)
  SELECT k.key_hash, k.item_id, k.seen_at
  FROM story_key k JOIN story_evidence e ON e.item_id = k.item_id;

UPDATE story_evidence e JOIN (
    SELECT item_id, GROUP_CONCAT(UNHEX(LPAD(HEX(key_hash), 16, '0')) ORDER BY key_hash
      SEPARATOR '') AS packed
    FROM story_key_by_item GROUP BY item_id) k ON k.item_id = e.item_id
  SET e.key_hashes = k.packed;
-- [jooq ignore stop]

DROP TABLE story_key;
ALTER TABLE story_key_by_item RENAME TO story_key;
