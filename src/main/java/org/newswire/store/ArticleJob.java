package org.newswire.store;

import java.util.Optional;

/** An item whose article page is due to be fetched; {@code attempts} made so far. */
public record ArticleJob(long itemId, String sourceId, Optional<String> link, int attempts,
    boolean publishedGuessed) {}
