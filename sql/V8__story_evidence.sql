-- Story evidence (issue 13) moves out of the item row into a narrow table of its own. A
-- placement reads the evidence of a dozen candidates per item, at random across the window:
-- read from item rows (about 5.5 KB each) that was a dozen page reads per item once the window
-- outgrew the buffer pool. Here the rows are about 1 KB, and housekeeping drops those of items
-- seen before the window with their story_key rows, so the table holds the window, not the
-- archive. A candidate's story is read from item only for the few candidates that match.
CREATE TABLE story_evidence (
  item_id  BIGINT NOT NULL,
  evidence BLOB   NOT NULL,
  PRIMARY KEY (item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO story_evidence (item_id, evidence)
  SELECT id, story_evidence FROM item WHERE story_evidence IS NOT NULL;

ALTER TABLE item DROP COLUMN story_evidence;
