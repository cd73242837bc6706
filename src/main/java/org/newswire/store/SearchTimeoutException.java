package org.newswire.store;

import java.time.Duration;

/**
 * A search of the merged feed ran longer than its limit and was stopped by the database: a word
 * that half the archive contains makes MariaDB's FULLTEXT index hand back most of the table.
 * The reader should narrow the search; nothing is wrong with the database.
 */
public final class SearchTimeoutException extends RuntimeException {
  private final Duration limit;

  SearchTimeoutException(Duration limit, Throwable cause) {
    super("the search took longer than " + limit.toSeconds() + " s", cause);
    this.limit = limit;
  }

  public Duration limit() {
    return limit;
  }
}
