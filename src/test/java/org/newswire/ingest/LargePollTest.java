package org.newswire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.Fetcher;
import org.newswire.ingest.PollReport.Outcome;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.schedule.RefreshRules;
import org.newswire.store.Database;
import org.newswire.store.FeedStore;
import org.newswire.store.SourceState;
import org.newswire.store.TestDatabases;
import org.newswire.store.TestStores;

/**
 * Polls whose items together exceed the server's max_allowed_packet (a full-text feed of a
 * hundred long articles), and feeds listing more entries than {@code fetch.max_items}.
 */
class LargePollTest {
  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static DbSettings settings;
  private static Database db;
  private static long maxAllowedPacket;
  private static Fetcher fetcher;
  private MockWebServer server;

  @BeforeAll
  static void openDb() throws Exception {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
      rs.next();
      maxAllowedPacket = rs.getLong(1);
    }
    FetchSettings d = FetchSettings.defaults();
    // Room for a feed larger than the packet, whatever the server's setting.
    fetcher = new Fetcher(new FetchSettings(d.connectTimeout(), d.readTimeout(),
        d.callTimeout(), 4 * maxAllowedPacket, d.maxRedirects(), true,
        d.perHostConcurrency(), d.idleConnections(), d.userAgent(), d.maxItems()));
  }

  @AfterAll
  static void closeDb() {
    fetcher.close();
    db.close();
    TestDatabases.drop(settings);
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void storesAPollLargerThanTheServersPacketLimitInOneGo() throws Exception {
    int items = 150;
    // Each item is stored as HTML and as text: 150 items of this size make statements of
    // about 1.3 times max_allowed_packet.
    int articleChars = (int) (maxAllowedPacket * 13 / 10 / items / 2 / 2);
    server.enqueue(feed(items, articleChars, 0));

    PollReport r = ingester(db.feeds(), 5_000).poll(source("big"));

    assertThat(r.error()).isEmpty();
    assertThat(r.outcome()).isEqualTo(Outcome.FETCHED);
    assertThat(r.inserted()).isEqualTo(items);
    assertThat(distinctGuids("big")).isEqualTo(items);
  }

  @Test
  void aPollThatCannotBeStoredIsAFailureWithTheServersReasonAndBacksOff() throws Exception {
    // A store that sends the whole poll as one statement, as before chunking: the server
    // refuses it, a real write failure on a database that is otherwise fine.
    FeedStore unchunked = TestStores.feedStore(db, Long.MAX_VALUE);
    Ingester ingester = ingester(unchunked, 5_000);
    int articleChars = (int) (maxAllowedPacket * 13 / 10 / 150 / 2 / 2);
    server.enqueue(feed(150, articleChars, 0));
    server.enqueue(feed(150, articleChars, 0));

    PollReport first = ingester.poll(source("refused"));
    assertThat(first.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(first.error()).hasValueSatisfying(e -> assertThat(e)
        .contains("storing 150 items of refused failed").contains("max_allowed_packet")
        .doesNotContain("ConnectionCallable"));
    SourceState once = db.feeds().state("refused").orElseThrow();
    assertThat(once.lastOutcome()).contains("failed");
    assertThat(once.lastError()).hasValueSatisfying(e -> assertThat(e)
        .contains("max_allowed_packet"));
    assertThat(once.consecutiveFailures()).isEqualTo(1);
    assertThat(once.bodyHash()).as("the next poll stores the items again").isEmpty();
    assertThat(once.nextPollAt()).contains(NOW.plus(Source.DEFAULT_INTERVAL));

    PollReport second = ingester.poll(source("refused"));
    assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
    SourceState twice = db.feeds().state("refused").orElseThrow();
    assertThat(twice.consecutiveFailures()).isEqualTo(2);
    assertThat(twice.nextPollAt()).as("backed off").contains(NOW.plus(Source.DEFAULT_INTERVAL.multipliedBy(2)));
    assertThat(distinctGuids("refused")).isZero();
  }

  @Test
  void storesOnlyTheNewestEntriesOfAFeedLongerThanMaxItems() throws Exception {
    // 12 entries, listed oldest first: the cap keeps the newest by date, not the first listed.
    server.enqueue(feed(12, 200, 0));

    PollReport r = ingester(db.feeds(), 5).poll(source("capped"));

    assertThat(r.inserted()).isEqualTo(5);
    assertThat(guids("capped")).containsExactlyInAnyOrder("urn:item:7", "urn:item:8",
        "urn:item:9", "urn:item:10", "urn:item:11");
  }

  @Test
  void theCapsWarningNamesTheFeedWithoutItsSecrets() throws Exception {
    server.enqueue(feed(12, 200, 0));
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(ChangedFeeds.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      ingester(db.feeds(), 5).poll(Source.of("capped-secret",
          URI.create(server.url("/rss/?apikey=S3CR3T-KEY&lang=ru").toString())));
    } finally {
      logger.detachAppender(logged);
    }
    List<String> lines = logged.list.stream().map(e -> e.getFormattedMessage()).toList();
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .contains("source capped-secret", "apikey=REDACTED", "lang=ru", "storing the newest 5"));
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("S3CR3T-KEY"));
  }

  private Ingester ingester(FeedStore store, int maxItems) {
    return new Ingester(fetcher, new FeedParser(), store,
        new RefreshRules(Duration.ofHours(6), () -> 0.5), CLOCK, maxItems);
  }

  private Source source(String id) {
    return Source.of(id, URI.create(server.url("/rss/").toString()));
  }

  /** RSS of {@code n} long Russian articles, oldest first, item i published i hours ago less. */
  private static MockResponse feed(int n, int articleChars, int firstItem) {
    StringBuilder para = new StringBuilder();
    while (para.length() < articleChars) {
      para.append("Министр экономики заявил, что рост промышленного производства"
          + " продолжится и в следующем квартале. ");
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\"><channel><title>Лента</title><link>https://lenta.example/</link>");
    for (int i = firstItem; i < firstItem + n; i++) {
      String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
          NOW.minus(Duration.ofHours(100 - i)).atOffset(ZoneOffset.UTC));
      xml.append("<item><title>Новость номер ").append(i).append("</title>")
          .append("<link>https://lenta.example/news/").append(i).append("</link>")
          .append("<guid isPermaLink=\"false\">urn:item:").append(i).append("</guid>")
          .append("<pubDate>").append(date).append("</pubDate>")
          .append("<description><![CDATA[<p>").append(i).append(' ').append(para)
          .append("</p>]]></description></item>\n");
    }
    xml.append("</channel></rss>");
    return new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml")
        .body(new Buffer().write(xml.toString().getBytes(StandardCharsets.UTF_8))).build();
  }

  private static List<String> guids(String sourceId) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
         java.sql.PreparedStatement s = c.prepareStatement(
             "SELECT guid FROM item WHERE source_id = ?")) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static long distinctGuids(String sourceId) throws Exception {
    return guids(sourceId).stream().distinct().count();
  }
}
