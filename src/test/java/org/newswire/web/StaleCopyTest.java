package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newswire.publish.Publisher;
import org.newswire.store.TestDatabases;
import org.newswire.testing.MutableClock;

/** While the database does not answer, readers get the last copy, not a 503. */
class StaleCopyTest {
  @Test
  void aCachedCopyIsServedWhileTheDatabaseIsGone() {
    MutableClock clock =
        new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (Fixture fx = new Fixture()) {
      Publisher publisher = new Publisher(fx.db.items(), Servers.settings(),
          () -> Fixture.SOURCES, clock, Duration.ofSeconds(1));
      try (WebServer web = new WebServer(publisher, Servers.settings())) {
        web.start();
        String base = "http://127.0.0.1:" + web.port();
        HttpResponse<byte[]> fresh = Http.get(base + "/feed.atom");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(Http.entryIds(Http.text(fresh))).hasSize(4);

        // Every query fails from now on, just after a poll dropped the cache.
        TestDatabases.drop(fx.settings);
        publisher.invalidate();
        clock.advance(Duration.ofSeconds(30));

        HttpResponse<byte[]> stale = Http.get(base + "/feed.atom");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(fresh.body());
        assertThat(stale.headers().firstValue("Age")).contains("30");
        assertThat(stale.headers().firstValue("Cache-Control")).contains("public, no-cache");
        assertThat(stale.headers().firstValue("ETag")).isEqualTo(fresh.headers().firstValue("ETag"));
        // The following requests are answered from the copy too, the check not being due.
        HttpResponse<byte[]> again = Http.get(base + "/feed.atom", "Accept-Encoding", "gzip");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.gunzip(again.body())).isEqualTo(fresh.body());
        // When the next check is due and fails again, the copy still answers.
        clock.advance(Duration.ofSeconds(5));
        assertThat(Http.get(base + "/feed.atom").body()).isEqualTo(fresh.body());
        // Nothing was ever rendered for this one: only it is unavailable.
        HttpResponse<byte[]> none = Http.get(base + "/feed.rss");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.headers().firstValue("Retry-After")).isPresent();
        // OPML needs no database.
        assertThat(Http.get(base + "/opml").statusCode()).isEqualTo(200);
      }
    }
  }
}
