package org.newswire.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Response;

/** What the scheduler and the next conditional GET need from a response's headers. */
final class ResponseHeaders {

  private ResponseHeaders() {}

  /** Cache-Control max-age (RFC 9111 §5.2.2.1) and Expires (§5.3). */
  static CacheHints cacheHints(Response response) {
    int maxAge = response.cacheControl().maxAgeSeconds();
    return new CacheHints(
        maxAge >= 0 ? Optional.of(Duration.ofSeconds(maxAge)) : Optional.empty(),
        // RFC 9111 §5.3: an invalid Expires ("0", "-1") means "already expired", which asks
        // nothing of the scheduler, so it is simply absent here.
        Optional.ofNullable(response.headers().getInstant("Expires")));
  }

  /**
   * RFC 9110 §10.2.3: Retry-After is delta-seconds or an HTTP-date. Unparsable values are
   * ignored rather than guessed at.
   */
  static Optional<Instant> retryAfter(Headers headers, Instant now) {
    String value = headers.get("Retry-After");
    if (value == null) return Optional.empty();
    String trimmed = value.trim();
    if (trimmed.matches("\\d{1,18}")) {
      // Capped so a silly value cannot overflow Instant; the scheduler bounds it anyway.
      long seconds = Math.min(Long.parseLong(trimmed), Duration.ofDays(3650).toSeconds());
      return Optional.of(now.plusSeconds(seconds));
    }
    return Optional.ofNullable(headers.getInstant("Retry-After"));
  }

  static Optional<String> header(Response response, String name) {
    return Optional.ofNullable(response.header(name)).filter(v -> !v.isBlank());
  }
}
