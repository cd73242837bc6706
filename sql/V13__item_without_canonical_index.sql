-- ix_item_canonical served the merge by canonical URL that stories replaced (V4 read it once,
-- to seed the stories); nothing has read item by canonical_url_hash since. Its keys are random
-- 64-character hashes, so every stored item wrote a page of it that was seldom in the buffer
-- pool: a disk read and a dirty page per item for an index no query used. The column stays
-- (the change trigger compares it, and it is the item's data).
DROP INDEX ix_item_canonical ON item;
