-- Newswire schema, part 1: sources' polling state and the items they yield.
-- One SQL source of truth: Flyway runs this at start-up, jOOQ generates code from it at build.
-- Every table is utf8mb4 so Cyrillic text and emoji survive.

CREATE TABLE source_state (
  source_id            VARCHAR(64)   NOT NULL,
  url                  VARCHAR(2048) NOT NULL,
  -- false once the source is removed from or disabled in sources.yml: not polled, items kept
  active               BOOLEAN       NOT NULL DEFAULT TRUE,
  -- polls in a row that found nothing new: quiet feeds may be polled less often
  quiet_polls          INT           NOT NULL DEFAULT 0,
  -- conditional GET validators from the last 200 (RFC 9110 §13)
  etag                 VARCHAR(1024) NULL,
  last_modified        VARCHAR(128)  NULL,
  -- SHA-256 of the last body parsed: a byte-identical body is not parsed again
  body_hash            CHAR(64)      NULL,
  -- a permanent redirect seen on consecutive polls; after 3 it becomes the source's URL
  redirect_url         VARCHAR(2048) NULL,
  redirect_count       INT           NOT NULL DEFAULT 0,
  last_poll_at         DATETIME(6)   NULL,
  last_success_at      DATETIME(6)   NULL,
  last_outcome         VARCHAR(32)   NULL,
  last_http_status     INT           NULL,
  last_error           VARCHAR(1024) NULL,
  last_new             INT           NOT NULL DEFAULT 0,
  last_updated         INT           NOT NULL DEFAULT 0,
  consecutive_failures INT           NOT NULL DEFAULT 0,
  failing_since        DATETIME(6)   NULL,
  next_poll_at         DATETIME(6)   NULL,
  claimed_by           VARCHAR(128)  NULL,
  claim_until          DATETIME(6)   NULL,
  created_at           DATETIME(6)   NOT NULL,
  PRIMARY KEY (source_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE item (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  source_id          VARCHAR(64)   NOT NULL,
  -- SHA-256 of the identity key (guid, else canonical link, else title+date+text)
  identity_hash      CHAR(64)      NOT NULL,
  identity_kind      VARCHAR(16)   NOT NULL,
  guid               VARCHAR(2048) NULL,
  link               VARCHAR(2048) NULL,
  canonical_url      VARCHAR(2048) NULL,
  -- shared by items of different sources that point at the same story
  canonical_url_hash CHAR(64)      NULL,
  title              TEXT          NULL,
  author             VARCHAR(1024) NULL,
  authors_json       TEXT          NULL,
  summary_html       MEDIUMTEXT    NULL,
  summary_text       MEDIUMTEXT    NULL,
  content_html       MEDIUMTEXT    NULL,
  content_text       MEDIUMTEXT    NULL,
  categories_json    TEXT          NULL,
  enclosures_json    TEXT          NULL,
  comments           VARCHAR(2048) NULL,
  image_url          VARCHAR(2048) NULL,
  -- SHA-256 of title + content: an edit changes it and updates the row in place
  content_hash       CHAR(64)      NOT NULL,
  published_at       DATETIME(6)   NOT NULL,
  -- true when the feed gave no usable date and published_at is the first-seen time
  published_guessed  BOOLEAN       NOT NULL DEFAULT FALSE,
  feed_updated_at    DATETIME(6)   NULL,
  first_seen_at      DATETIME(6)   NOT NULL,
  updated_at         DATETIME(6)   NULL,
  -- full text of the article page (sources with fulltext: true); NULL until extracted
  article_status     VARCHAR(16)   NULL,
  article_html       MEDIUMTEXT    NULL,
  article_text       MEDIUMTEXT    NULL,
  article_method     VARCHAR(16)   NULL,
  article_error      VARCHAR(1024) NULL,
  article_attempts   INT           NOT NULL DEFAULT 0,
  article_next_at    DATETIME(6)   NULL,
  dateline_place     VARCHAR(128)  NULL,
  dateline_agency    VARCHAR(128)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_item_identity UNIQUE (source_id, identity_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_source_state_due ON source_state (active, next_poll_at);
CREATE INDEX ix_item_published ON item (published_at, id);
CREATE INDEX ix_item_source_published ON item (source_id, published_at, id);
CREATE INDEX ix_item_canonical ON item (canonical_url_hash);
CREATE INDEX ix_item_article_due ON item (article_status, article_next_at);

-- Search over title and text (the merged feed's q=). utf8mb4_unicode_ci makes it work for
-- Cyrillic, case-insensitively. jOOQ's DDL parser cannot read FULLTEXT, hence the markers.
-- [jooq ignore start]
CREATE FULLTEXT INDEX ft_item_text ON item (title, summary_text, content_text, article_text);
-- [jooq ignore stop]

-- Identities of items that retention deleted: a feed that still lists them must not bring them
-- back as new.
CREATE TABLE item_tombstone (
  source_id     VARCHAR(64) NOT NULL,
  identity_hash CHAR(64)    NOT NULL,
  deleted_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (source_id, identity_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_item_tombstone_deleted ON item_tombstone (deleted_at);
