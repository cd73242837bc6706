-- The merged feed's cache asks "did anything change?" every second: MAX(id) and MAX(updated_at)
-- of item and MAX(deleted_at) of item_tombstone. With an index each is one B-tree descent
-- instead of a scan of every item.
CREATE INDEX ix_item_updated ON item (updated_at);
