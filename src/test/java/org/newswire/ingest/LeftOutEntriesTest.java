package org.newswire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.Fetcher;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

/**
 * A changed feed's unchanged entries are not parsed again, and a poll that leaves them out
 * stores exactly what a poll reading the whole feed stores: one source is polled by a
 * long-lived ingester (which remembers), its twin, fed the same documents, by a new ingester
 * every time (which cannot).
 */
class LeftOutEntriesTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final Instant NOW = Instant.parse("2021-07-03T06:00:00Z");

  private static DbSettings settings;
  private static Database db;
  private static Fetcher fetcher;
  private static MockWebServer server;
  private static final Map<String, String> served = new ConcurrentHashMap<>();

  @BeforeAll
  static void open() throws Exception {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder()
            .addHeader("Content-Type", "application/rss+xml; charset=windows-1251")
            .body(new Buffer().write(served.get("feed").getBytes(CP1251))).build();
      }
    });
    server.start();
  }

  @AfterAll
  static void close() {
    server.close();
    fetcher.close();
    db.close();
    TestDatabases.drop(settings);
  }

  private static Ingester ingester() {
    return new Ingester(fetcher, new FeedParser(), db.feeds(), RefreshPolicy.fixedInterval(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Kabar's feed listing items {@code numbers} (newest first); titles may be overridden. */
  private static String feed(String built, Map<Integer, String> titles, int... numbers) {
    StringBuilder b = new StringBuilder("""
        <?xml version="1.0" encoding="windows-1251"?>
        <!-- generated %s -->
        <rss version="2.0" xmlns:yandex="http://news.yandex.ru">
        <channel>
          <title>Кабар</title>
          <link>https://kabar.kg/</link>
          <lastBuildDate>%s</lastBuildDate>
        """.formatted(built, built));
    for (int n : numbers) {
      String guid = n == 8 ? "kabar-5" : "kabar-" + n; // 8 reuses 5's GUID
      b.append("""
            <item>
              <title>%s</title>
              <link>https://kabar.kg/news/%d/</link>
              <guid isPermaLink="false">%s</guid>
              <pubDate>Sat, 03 Jul 2021 %02d:00:00 +0600</pubDate>
              <description><![CDATA[<p>Бишкек, 3 июля /Кабар/. Сообщение номер %d.</p>]]></description>
            </item>
          """.formatted(titles.getOrDefault(n, "Новость " + n), n, guid, n % 24, n));
    }
    return b.append("</channel>\n</rss>\n").toString();
  }

  /** A feed of items given as {number, GUID or null, link or null}, newest first. */
  private static String feed(String built, String[]... items) {
    StringBuilder b = new StringBuilder("""
        <?xml version="1.0" encoding="windows-1251"?>
        <rss version="2.0">
        <channel>
          <title>24.kg</title>
          <link>https://24.kg/</link>
          <lastBuildDate>%s</lastBuildDate>
        """.formatted(built));
    for (String[] item : items) {
      b.append("  <item>\n    <title>Новость ").append(item[0]).append("</title>\n");
      if (item[1] != null) {
        b.append("    <guid isPermaLink=\"false\">").append(item[1]).append("</guid>\n");
      }
      if (item[2] != null) {
        b.append("    <link>").append(item[2]).append("</link>\n");
      }
      b.append("    <description>Текст новости ").append(item[0])
          .append(".</description>\n  </item>\n");
    }
    return b.append("</channel>\n</rss>\n").toString();
  }

  private record Step(int inserted, int updated, long leftOut) {}

  private final Ingester remembering = ingester();
  private String name;

  @BeforeEach
  void name(TestInfo test) {
    name = test.getTestMethod().orElseThrow().getName();
  }

  /** Serves {@code xml} to both sources; returns what the remembering poll did. */
  private Step poll(String xml) throws SQLException {
    served.put("feed", xml);
    long before = remembering.entriesLeftOut();
    PollReport kept = remembering.poll(source(name + "-kept"));
    PollReport whole = ingester().poll(source(name + "-whole"));
    assertThat(kept.error()).isEmpty();
    assertThat(kept.inserted()).as("inserted").isEqualTo(whole.inserted());
    assertThat(kept.updated()).as("updated").isEqualTo(whole.updated());
    assertThat(items(name + "-kept")).isEqualTo(items(name + "-whole"));
    return new Step(kept.inserted(), kept.updated(), remembering.entriesLeftOut() - before);
  }

  /** Another process (an ingester of its own, no memory) polls both sources once. */
  private void otherProcessPolls(String xml) {
    served.put("feed", xml);
    for (String twin : List.of("-kept", "-whole")) {
      assertThat(ingester().poll(source(name + twin)).error()).isEmpty();
    }
  }

  private static Source source(String id) {
    return Source.of(id, URI.create(server.url("/" + id).toString()));
  }

  private static List<String> items(String sourceId) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT identity_hash, identity_kind, content_hash, title,"
             + " link, guid, canonical_url, summary_html, content_html, categories_json, enclosures_json,"
             + " published_at FROM item WHERE source_id = '" + sourceId
             + "' ORDER BY identity_hash")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
          row.append(rs.getString(i)).append(" | ");
        }
        out.add(row.toString());
      }
      return out;
    }
  }

  private void delete(String title) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM item WHERE title = '" + title + "' AND source_id LIKE '"
          + name + "-%'");
    }
  }

  @Test
  void guidsSharedBeforeAndUniqueNowAreReadWhole() throws SQLException {
    // "Aa" and "BB" have one String.hashCode: each GUID is shared by two entries, so all four
    // are identified by their links. With B and D gone, A's and C's GUIDs are unique again
    // and a whole read identifies them by GUID: leaving them out would keep the old identities.
    String[] a = {"1", "Aa", "https://24.kg/1"};
    String[] b = {"2", "Aa", "https://24.kg/2"};
    String[] c = {"3", "BB", "https://24.kg/3"};
    String[] d = {"4", "BB", "https://24.kg/4"};
    String[] n = {"5", "new", "https://24.kg/5"};
    assertThat(poll(feed("10:00", d, c, b, a))).isEqualTo(new Step(4, 0, 0));
    long rereads = remembering.rereads();
    assertThat(poll(feed("10:05", n, c, a))).isEqualTo(new Step(3, 0, 0));
    assertThat(remembering.rereads()).isEqualTo(rereads + 1);
  }

  @Test
  void entriesIdentifiedByTheirContentAreNotLeftOut() throws SQLException {
    // Neither GUID nor link: identified by title, date and text, so never left out (and the
    // feed is not read twice for trying).
    String[] one = {"1", null, null};
    String[] two = {"2", null, null};
    String[] three = {"3", null, null};
    assertThat(poll(feed("10:00", two, one))).isEqualTo(new Step(2, 0, 0));
    long rereads = remembering.rereads();
    assertThat(poll(feed("10:05", three, two, one))).isEqualTo(new Step(1, 0, 0));
    assertThat(remembering.rereads()).isEqualTo(rereads);
  }

  @Test
  void anotherProcessesEditIsTakenFromTheStoreNotFromTheMemory() throws SQLException {
    assertThat(poll(feed("10:00", Map.of(), 3, 2, 1))).isEqualTo(new Step(3, 0, 0));
    // Another daemon on the same database reads an edit of item 2 and stores it.
    otherProcessPolls(feed("10:05", Map.of(2, "Новость 2 (обновлено)"), 3, 2, 1));
    // The edit is taken back. The memory holds item 2's first text, which the feed shows
    // again, but the store holds the edit: the entry must be read and stored again.
    long rereads = remembering.rereads();
    assertThat(poll(feed("10:10", Map.of(), 4, 3, 2, 1))).isEqualTo(new Step(1, 1, 0));
    assertThat(remembering.rereads()).isEqualTo(rereads + 1);
  }

  @Test
  void theMemoryVouchesForLeftOutEntriesWhileTheStateNamesItsBody() throws SQLException {
    served.put("feed", feed("10:00", Map.of(), 3, 2, 1));
    Source kept = source(name + "-kept");
    assertThat(remembering.poll(kept).inserted()).isEqualTo(3);
    // Deleted behind the daemon's back (no tombstone, unlike retention and purge). The state
    // still names the body the memory was made of, so the left-out entries are not looked up
    // in the store (that look-up is what the memory saves), and the item stays deleted.
    delete("Новость 2");
    served.put("feed", feed("10:05", Map.of(), 4, 3, 2, 1));
    long leftOut = remembering.entriesLeftOut();
    long rereads = remembering.rereads();
    PollReport report = remembering.poll(kept);
    assertThat(report.inserted()).isEqualTo(1);
    assertThat(remembering.entriesLeftOut()).isEqualTo(leftOut + 3);
    assertThat(remembering.rereads()).isEqualTo(rereads);
    assertThat(items(name + "-kept")).hasSize(3).noneMatch(row -> row.contains("Новость 2 |"));
  }

  @Test
  void unchangedEntriesAreLeftOutAndTheStoreEndsAsAfterWholeReads() throws SQLException {
    assertThat(poll(feed("10:00", Map.of(), 6, 5, 4, 3, 2, 1)))
        .isEqualTo(new Step(6, 0, 0));
    // A new item, the oldest gone, a new build date and comment: five entries not read again.
    assertThat(poll(feed("10:05", Map.of(), 7, 6, 5, 4, 3, 2)))
        .isEqualTo(new Step(1, 0, 5));
    assertThat(items(name + "-kept")).hasSize(7);
    // An edited entry is read (its text changed); the others are left out.
    assertThat(poll(feed("10:10", Map.of(4, "Новость 4 (обновлено)"), 7, 6, 5, 4, 3, 2)))
        .isEqualTo(new Step(0, 1, 5));
    // A new entry with the GUID of a left-out one changes that one's identity: read whole.
    assertThat(poll(feed("10:15", Map.of(4, "Новость 4 (обновлено)"), 8, 7, 6, 5, 4, 3, 2)))
        .isEqualTo(new Step(2, 0, 0));
    // An item the store lost while its entry stayed in the feed, and another process polled
    // the source since (a body without it, which stored nothing): the state no longer names
    // the body the memory was made of, so the store is asked, and the feed is read whole.
    delete("Новость 3");
    otherProcessPolls(feed("10:17", Map.of(4, "Новость 4 (обновлено)"), 8, 7, 6, 5, 4, 2));
    assertThat(poll(feed("10:20", Map.of(4, "Новость 4 (обновлено)"), 9, 8, 7, 6, 5, 4, 3, 2)))
        .isEqualTo(new Step(2, 0, 0));
    // And the next change leaves out again what that whole read remembered.
    assertThat(poll(feed("10:25", Map.of(4, "Новость 4 (обновлено)"), 10, 9, 8, 7, 6, 5, 4, 3)))
        .isEqualTo(new Step(1, 0, 7));
  }
}
