package org.newswire.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP listeners. {@code listen} serves the merged feed to readers; {@code statusListen}
 * serves health, status and metrics, on loopback unless configured otherwise.
 *
 * @param publicUrl the feed's address as readers see it (behind a proxy), for absolute self links
 * @param feedTitle / feedId the merged feed's title and its permanent id (RFC 4287 §4.2.6)
 * @param maxAge Cache-Control max-age of feed responses
 */
public record HttpSettings(
    InetSocketAddress listen,
    InetSocketAddress statusListen,
    Optional<URI> publicUrl,
    String feedTitle,
    String feedId,
    Duration maxAge) {

  public static HttpSettings defaults() {
    return new HttpSettings(InetSocketAddress.createUnresolved("0.0.0.0", 8080),
        InetSocketAddress.createUnresolved("127.0.0.1", 8081), Optional.empty(), "Newswire",
        "urn:newswire:merged-feed", Duration.ofSeconds(60));
  }
}
