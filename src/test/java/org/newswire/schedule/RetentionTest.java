package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.config.SchedulerSettings;
import org.newswire.fetch.Fetcher;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

class RetentionTest {
  private static String feed(String extra) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>АКИpress</title><link>https://akipress.org/</link>
          <item><title>Старая новость</title><guid>old-1</guid>
            <pubDate>Mon, 01 Mar 2021 10:00:00 +0600</pubDate></item>
          <item><title>Свежая новость</title><guid>new-1</guid>
            <pubDate>Thu, 01 Jul 2021 10:00:00 +0600</pubDate></item>%s
        </channel></rss>
        """.formatted(extra);
  }

  private static long count(Database db, String sql) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void deletesOldItemsAndTheyDoNotComeBack() throws Exception {
    DbSettings settings = TestDatabases.createFresh();
    Instant now = Instant.parse("2021-07-03T00:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    try (Database db = Database.open(settings);
         Fetcher fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
         MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().body(feed("")).build());
      server.enqueue(new MockResponse.Builder().body(feed("<!-- changed -->")).build());
      Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
          RefreshPolicy.fixedInterval(), clock);
      Source s = Source.of("aki", URI.create(server.url("/rss").toString()));
      assertThat(ingester.poll(s).inserted()).isEqualTo(2);

      SchedulerSettings thirtyDays = new SchedulerSettings(2, Duration.ofSeconds(5),
          Duration.ofHours(6), Duration.ofMinutes(1), 30);
      PollScheduler scheduler = new PollScheduler(db.dataSource(), db.schedule(), db.feeds(),
          ingester, thirtyDays, Duration.ofHours(72), "retention-test", "r1", clock,
          new SimpleMeterRegistry());
      scheduler.retention();
      assertThat(count(db, "SELECT COUNT(*) FROM item")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM item_tombstone")).isEqualTo(1);

      // The feed still lists the deleted item: it is not stored again.
      assertThat(ingester.poll(s).inserted()).isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM item WHERE title = 'Старая новость'"))
          .isZero();
    } finally {
      TestDatabases.drop(settings);
    }
  }
}
