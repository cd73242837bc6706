-- An item is stored without a story and placed after its transaction commits; until then it is
-- shown nowhere and not indexed for search, and its placement's update (story_id set) writes
-- the change that indexes it. The insert's own change row was read by every search follower,
-- which read the item, found it waiting and skipped it: a row written, read and pruned for
-- nothing, once per item. An item inserted with its story already set still writes one.
-- [jooq ignore start]
CREATE OR REPLACE TRIGGER item_change_insert AFTER INSERT ON item FOR EACH ROW
  INSERT INTO item_change (item_id)
  SELECT NEW.id FROM DUAL WHERE NEW.story_id IS NOT NULL;
-- [jooq ignore stop]

