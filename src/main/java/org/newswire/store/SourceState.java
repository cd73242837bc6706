package org.newswire.store;

import java.time.Instant;
import java.util.Optional;

/** What the database remembers about polling one source. */
public record SourceState(
    String sourceId,
    String url,
    Optional<String> etag,
    Optional<String> lastModified,
    Optional<String> bodyHash,
    Optional<String> redirectUrl,
    int redirectCount,
    Optional<Instant> lastPollAt,
    Optional<Instant> lastSuccessAt,
    Optional<String> lastOutcome,
    Optional<Integer> lastHttpStatus,
    Optional<String> lastError,
    int lastNew,
    int lastUpdated,
    int consecutiveFailures,
    Optional<Instant> failingSince,
    Optional<Instant> nextPollAt,
    int quietPolls) {

  /** The state of a source never polled. */
  public static SourceState fresh(String sourceId, String url) {
    return new SourceState(sourceId, url, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty(), 0);
  }
}
