package org.newswire.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one fetch. Expected outcomes (304, 429, a refused address, a body over the
 * limit) are values here, never exceptions.
 */
public sealed interface FetchResult {

  /**
   * A 2xx with its body (decompressed).
   *
   * @param finalUrl the URL after redirects
   * @param permanentRedirect where a chain of only permanent redirects (301/308) led, if any
   */
  record Fetched(
      URI finalUrl,
      int status,
      byte[] body,
      Optional<String> contentType,
      Optional<String> etag,
      Optional<String> lastModified,
      Optional<URI> permanentRedirect,
      CacheHints cacheHints)
      implements FetchResult {}

  /** 304: nothing changed since the validators we sent. */
  record NotModified(
      Optional<String> etag, Optional<String> lastModified, CacheHints cacheHints)
      implements FetchResult {}

  /** 429 or 503, with the Retry-After the server asked for (RFC 9110 §10.2.3). */
  record RateLimited(int status, Optional<Instant> retryAfter) implements FetchResult {}

  /**
   * Not fetched: {@code host} already had its share of requests in flight (fetch.per_host_concurrency)
   * and the caller asked not to wait ({@link Fetcher#fetchIfHostFree}). Nothing was sent.
   */
  record HostBusy(String host) implements FetchResult {}

  /**
   * Anything else: HTTP errors, network errors, refused addresses, limits hit.
   *
   * @param reason one line, for operators: what happened (e.g. "HTTP 404", "body exceeds 16 MiB")
   */
  record Failed(Kind kind, String reason, OptionalInt status) implements FetchResult {}

  enum Kind {
    HTTP_STATUS,
    NETWORK,
    TIMEOUT,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    BAD_REDIRECT,
    ADDRESS_REFUSED,
    BAD_URL
  }
}
