package org.newswire.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the response said about when to ask again: Cache-Control max-age and Expires. */
public record CacheHints(Optional<Duration> maxAge, Optional<Instant> expires) {
  public static CacheHints none() {
    return new CacheHints(Optional.empty(), Optional.empty());
  }
}
