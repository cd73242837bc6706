-- A poll that fetched a changed feed reads the content hash of each of its entries twice (to
-- skip unchanged entries before cleaning, and again in its transaction). Through the unique key
-- on (source_id, identity_hash) each hash was a lookup in the item rows themselves, about
-- 5.5 KB each: some twenty random page reads per feed once the items no longer fit the buffer
-- pool (MariaDB's own profile of steady polling: that read was 15% of its CPU, most of it
-- reading pages from disk). With the hash in an index beside the identity, the read touches a
-- page or two of this index per source and never the rows.
CREATE INDEX ix_item_known ON item (source_id, identity_hash, content_hash);
