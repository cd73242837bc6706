package org.newswire.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.newswire.config.HttpSettings;
import org.newswire.model.ExtractRules;
import org.newswire.model.Source;

/** Settings and sources shared by the web tests: loopback, ephemeral ports. */
final class Servers {
  private Servers() {}

  static HttpSettings settings() {
    return new HttpSettings(new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), Optional.empty(), "Newswire Test",
        "urn:newswire:test-feed", Duration.ofSeconds(60));
  }

  static HttpSettings behind(String publicUrl) {
    HttpSettings s = settings();
    return new HttpSettings(s.listen(), s.statusListen(), Optional.of(URI.create(publicUrl)),
        s.feedTitle(), s.feedId(), s.maxAge());
  }

  static Source source(String id, String title, String lang, String... categories) {
    return new Source(id, URI.create("https://" + id + ".example/rss"), Optional.of(title),
        Source.DEFAULT_INTERVAL, Optional.ofNullable(lang), List.of(categories),
        ZoneId.of("UTC"), true, false, ExtractRules.none(), true);
  }
}
