package org.newswire.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.newswire.model.SecretUrls;

/**
 * What one poll of one source did, for the log, the status page and the scheduler. {@code url}
 * and {@code error} are redacted ({@link SecretUrls}).
 *
 * @param ttl the feed's own refresh hint (RSS {@code <ttl>})
 * @param maxAge / expires / retryAfter the server's hints (Cache-Control, Expires, Retry-After)
 * @param fetchTime how long the HTTP exchange took, redirects included
 * @param bytesFetched the decompressed body's size (0 for 304s and failures)
 */
public record PollReport(
    String sourceId,
    String url,
    Outcome outcome,
    Optional<Integer> httpStatus,
    int inserted,
    int updated,
    Optional<String> error,
    Optional<Duration> ttl,
    Optional<Duration> maxAge,
    Optional<Instant> expires,
    Optional<Instant> retryAfter,
    Duration fetchTime,
    long bytesFetched) {

  /** The URL and error as operators see them (log, status, poll): without secrets. */
  public PollReport {
    url = SecretUrls.redact(url);
    error = error.map(SecretUrls::redactIn);
  }

  public enum Outcome {
    /** A new body was parsed (it may still have held nothing new). */
    FETCHED,
    /** 304 Not Modified. */
    NOT_MODIFIED,
    /** 200 with a body byte-identical to the last one: not parsed again. */
    UNCHANGED,
    /** 429 / 503 with or without Retry-After. */
    RATE_LIMITED,
    /** Fetch or parse failed, or the database refused the write. */
    FAILED,
    /**
     * Not polled: the source's host already had its share of requests in flight. Nothing was
     * fetched or written; the scheduler hands the source back to be tried again shortly.
     */
    HOST_BUSY;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFailure() {
      return this == FAILED || this == RATE_LIMITED;
    }
  }
}
