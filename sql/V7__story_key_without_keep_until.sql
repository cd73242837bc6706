-- Story keys (issue 13) are the largest write of a placement: about 23 rows an item, each into
-- three indexes. The third index, on keep_until, served only housekeeping; dropping it (and the
-- column) makes each key row one index write cheaper. Housekeeping now drops the rows of items
-- seen before the window by item id (ids follow first-seen order) through ix_story_key_item.
DROP INDEX ix_story_key_keep ON story_key;
ALTER TABLE story_key DROP COLUMN keep_until;
