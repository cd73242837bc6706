package org.newswire.config;

import java.time.Duration;

/**
 * Limits applied to every HTTP fetch (feeds and article pages alike).
 *
 * @param maxBytes limit on the decompressed body; a larger body fails the fetch
 * @param callTimeout the whole call, redirects and body included: stops servers that drip bytes
 * @param allowPrivateNetworks lets fetches reach loopback, private and link-local addresses
 * @param perHostConcurrency requests in flight to one host across all of Newswire
 * @param idleConnections keep-alive connections kept open between polls, across all hosts; a
 *     poll that finds one skips the TCP (and TLS) handshake
 * @param maxItems entries of one feed a poll stores at most (the newest): bounds the cleaning,
 *     extraction and database write one feed document can cause
 */
public record FetchSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    long maxBytes,
    int maxRedirects,
    boolean allowPrivateNetworks,
    int perHostConcurrency,
    int idleConnections,
    String userAgent,
    int maxItems) {

  public static final String VERSION = Version.current();
  public static final String DEFAULT_USER_AGENT =
      "Newswire/" + VERSION + " (+https://github.com/newswire-aggregator/newswire)";

  public static FetchSettings defaults() {
    return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        16L * 1024 * 1024, 5, false, 2, 256, DEFAULT_USER_AGENT, 2_000);
  }

  public FetchSettings withAllowPrivateNetworks(boolean allow) {
    return new FetchSettings(connectTimeout, readTimeout, callTimeout, maxBytes, maxRedirects,
        allow, perHostConcurrency, idleConnections, userAgent, maxItems);
  }
}
