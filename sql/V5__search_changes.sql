-- Search (issue 15): the search index lives outside MariaDB (Lucene, one per daemon) and follows
-- this change log. Every insert, indexed-column edit and delete of an item adds a row, in the
-- same transaction, so a follower that has applied everything up to seq N misses nothing when
-- it next reads seq > N. A row says only "look at item X again": the follower reads the item's
-- current state (gone: delete it from the index), so order within an item does not matter and
-- replays are harmless. Several daemons on one database each keep their own position.
CREATE TABLE item_change (
  seq     BIGINT      NOT NULL AUTO_INCREMENT,
  item_id BIGINT      NOT NULL,
  -- when the change was made: old rows are pruned, and the lag metric reads it
  changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_item_change_at ON item_change (changed_at);

-- Triggers rather than Java at each write site: every path that writes items (polls, article
-- text, retention, purge, later ones) is covered by construction, and the row is written by
-- the server inside the writing statement — no extra round trip. An update that leaves every
-- searched column as it was (article attempts, story evidence) writes nothing.
-- jOOQ's DDL parser cannot read triggers, hence the markers.
-- [jooq ignore start]
CREATE TRIGGER item_change_insert AFTER INSERT ON item FOR EACH ROW
  INSERT INTO item_change (item_id) VALUES (NEW.id);

CREATE TRIGGER item_change_update AFTER UPDATE ON item FOR EACH ROW
  INSERT INTO item_change (item_id)
  SELECT NEW.id FROM DUAL
  WHERE NOT (NEW.title <=> OLD.title AND NEW.summary_text <=> OLD.summary_text
    AND NEW.content_text <=> OLD.content_text AND NEW.article_text <=> OLD.article_text
    AND NEW.source_id <=> OLD.source_id AND NEW.published_at <=> OLD.published_at
    AND NEW.canonical_url_hash <=> OLD.canonical_url_hash AND NEW.story_id <=> OLD.story_id);

CREATE TRIGGER item_change_delete AFTER DELETE ON item FOR EACH ROW
  INSERT INTO item_change (item_id) VALUES (OLD.id);

-- The search index replaces MariaDB FULLTEXT: dropping it makes every item write cheaper.
DROP INDEX ft_item_text ON item;
-- [jooq ignore stop]
