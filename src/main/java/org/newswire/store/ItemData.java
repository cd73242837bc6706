package org.newswire.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One cleaned item as it is written. {@code identityHash} is unique per source (the database
 * enforces it); {@code contentHash} changes when the item is edited. JSON fields are already
 * serialised by the caller. {@code article} is present for sources with full text on: pending,
 * or done when the feed itself carries the article.
 */
public record ItemData(
    String identityHash,
    String identityKind,
    Optional<String> guid,
    Optional<String> link,
    Optional<String> canonicalUrl,
    Optional<String> canonicalUrlHash,
    Optional<String> title,
    Optional<String> author,
    Optional<String> authorsJson,
    Optional<String> summaryHtml,
    Optional<String> summaryText,
    Optional<String> contentHtml,
    Optional<String> contentText,
    Optional<String> categoriesJson,
    Optional<String> enclosuresJson,
    Optional<String> comments,
    Optional<String> imageUrl,
    String contentHash,
    Instant publishedAt,
    boolean publishedGuessed,
    Optional<Instant> feedUpdatedAt,
    Optional<ArticleData> article) {}
