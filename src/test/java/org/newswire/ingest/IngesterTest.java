package org.newswire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
import org.newswire.store.Database;
import org.newswire.store.SourceState;
import org.newswire.store.TestDatabases;

/** The whole pipeline: MockWebServer → fetch → parse → clean → store in a real MariaDB. */
class IngesterTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final Instant NOW = Instant.parse("2021-07-03T06:00:00Z");

  private static DbSettings settings;
  private static Database db;
  private static Fetcher fetcher;
  private static Ingester ingester;
  private MockWebServer server;

  @BeforeAll
  static void openDb() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    // MockWebServer listens on loopback, which the default policy refuses.
    fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
    ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
        RefreshPolicy.fixedInterval(), Clock.fixed(NOW, ZoneOffset.UTC));
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

  static String kabarFeed(String firstTitle) {
    return """
        <?xml version="1.0" encoding="windows-1251"?>
        <rss version="2.0" xmlns:yandex="http://news.yandex.ru">
        <channel>
          <title>Кабар — новости Кыргызстана</title>
          <link>https://kabar.kg/</link>
          <item>
            <title>%s</title>
            <link>https://kabar.kg/news/ministr-1/?utm_source=rss</link>
            <guid>https://kabar.kg/news/ministr-1/</guid>
            <pubDate>Sat, 03 Jul 2021 10:15:00 +0600</pubDate>
            <description><![CDATA[<p>Бишкек, 03.07.21. /Кабар/. Министр встретился с послом.</p><script>alert(1)</script>]]></description>
          </item>
          <item>
            <title>Погода в Бишкеке: жара до +38</title>
            <link>https://kabar.kg/news/pogoda/</link>
            <guid>https://kabar.kg/news/pogoda/</guid>
            <pubDate>Sat, 03 Jul 2021 09:00:00 +0600</pubDate>
            <description>Синоптики обещают жару.</description>
          </item>
        </channel>
        </rss>
        """.formatted(firstTitle);
  }

  private static MockResponse cp1251(String xml, String etag) {
    MockResponse.Builder b = new MockResponse.Builder()
        .addHeader("Content-Type", "application/rss+xml")
        .body(new Buffer().write(xml.getBytes(CP1251)));
    if (etag != null) {
      b.addHeader("ETag", etag);
    }
    return b.build();
  }

  private Source source(String id) {
    return Source.of(id, URI.create(server.url("/rss/").toString()));
  }

  private static List<String> column(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Test
  void storesWindows1251FeedCleanedAndSkipsIt304() throws Exception {
    server.enqueue(cp1251(kabarFeed("Министр иностранных дел Кыргызстана"), "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());

    PollReport first = ingester.poll(source("kabar"));
    assertThat(first.outcome()).isEqualTo(Outcome.FETCHED);
    assertThat(first.inserted()).isEqualTo(2);
    assertThat(column("SELECT title FROM item WHERE source_id='kabar' ORDER BY published_at"))
        .containsExactly("Погода в Бишкеке: жара до +38", "Министр иностранных дел Кыргызстана");
    assertThat(column("SELECT published_at FROM item WHERE source_id='kabar' ORDER BY"
        + " published_at")).containsExactly("2021-07-03 03:00:00.000000",
        "2021-07-03 04:15:00.000000");
    String html = column("SELECT summary_html FROM item WHERE source_id='kabar' AND title LIKE"
        + " 'Министр%'").get(0);
    assertThat(html).contains("Министр встретился с послом").doesNotContain("script", "alert");
    assertThat(column("SELECT link FROM item WHERE source_id='kabar' AND title LIKE 'Министр%'"))
        .containsExactly("https://kabar.kg/news/ministr-1/");

    PollReport second = ingester.poll(source("kabar"));
    server.takeRequest();
    RecordedRequest conditional = server.takeRequest();
    assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(second.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(second.inserted() + second.updated()).isZero();
    assertThat(column("SELECT COUNT(*) FROM item WHERE source_id='kabar'")).containsExactly("2");
  }

  @Test
  void identicalBodyIsNotParsedAgainAndEditIsUpdatedInPlace() throws Exception {
    server.enqueue(cp1251(kabarFeed("Первая версия заголовка"), null));
    server.enqueue(cp1251(kabarFeed("Первая версия заголовка"), null));
    server.enqueue(cp1251(kabarFeed("Исправленная версия заголовка"), null));

    assertThat(ingester.poll(source("edits")).inserted()).isEqualTo(2);
    PollReport same = ingester.poll(source("edits"));
    assertThat(same.outcome()).isEqualTo(Outcome.UNCHANGED);
    PollReport edited = ingester.poll(source("edits"));
    assertThat(edited.inserted()).isZero();
    assertThat(edited.updated()).isEqualTo(1);
    assertThat(column("SELECT title FROM item WHERE source_id='edits' AND updated_at IS NOT"
        + " NULL")).containsExactly("Исправленная версия заголовка");
    assertThat(column("SELECT COUNT(*) FROM item WHERE source_id='edits'")).containsExactly("2");
  }

  @Test
  void feedReusingOneGuidKeepsEveryItem() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>24.kg</title><link>https://24.kg/</link>
          <item><title>Первая</title><link>https://24.kg/a/1</link><guid>same</guid></item>
          <item><title>Вторая</title><link>https://24.kg/a/2</link><guid>same</guid></item>
          <item><title>Третья</title><link>https://24.kg/a/3</link><guid>same</guid></item>
        </channel></rss>
        """;
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/xml")
        .body(xml).build());
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/xml")
        .body(xml + " ").build());
    assertThat(ingester.poll(source("reuse")).inserted()).isEqualTo(3);
    PollReport again = ingester.poll(source("reuse"));
    assertThat(again.outcome()).isEqualTo(Outcome.FETCHED);
    assertThat(again.inserted() + again.updated()).isZero();
  }

  @Test
  void failuresAreRecordedNotThrown() {
    server.enqueue(new MockResponse.Builder().code(404).body("no such feed").build());
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/xml")
        .body("<html><body>Not a feed").build());

    PollReport notFound = ingester.poll(source("broken"));
    assertThat(notFound.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(notFound.error()).contains("HTTP 404 Not Found");
    PollReport unreadable = ingester.poll(source("broken"));
    assertThat(unreadable.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(unreadable.error().orElseThrow()).startsWith("unreadable feed: ");

    SourceState state = db.feeds().state("broken").orElseThrow();
    assertThat(state.consecutiveFailures()).isEqualTo(2);
    assertThat(state.failingSince()).contains(NOW);
    assertThat(state.lastError()).isEqualTo(unreadable.error());
  }

  @Test
  void anHtmlPageInsteadOfTheFeedNamesTheFeedsItAdvertises() {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!doctype html><html><head><title>Кабар</title>"
            + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"ru/rss.xml\">"
            + "</head><body><p>Главная</p></body></html>").build());
    PollReport report = ingester.poll(source("homepage"));
    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    String expected = "unreadable feed: an HTML page came back, not a feed; the page advertises"
        + " this feed: " + server.url("/rss/ru/rss.xml") + " (application/rss+xml)";
    assertThat(report.error().orElseThrow()).startsWith(expected);
    assertThat(db.feeds().state("homepage").orElseThrow().lastError().orElseThrow())
        .startsWith(expected);
  }

  @Test
  void permanentRedirectBecomesTheUrlAfterThreePolls() throws Exception {
    String feed = kabarFeed("Редирект");
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(301)
          .addHeader("Location", server.url("/new-rss/")).build());
      server.enqueue(cp1251(feed, null));
    }
    server.enqueue(cp1251(feed, null));
    Source s = source("moved");
    for (int i = 0; i < 4; i++) {
      assertThat(ingester.poll(s).outcome()).isNotEqualTo(Outcome.FAILED);
    }
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      paths.add(server.takeRequest().getTarget());
    }
    assertThat(paths).containsExactly("/rss/", "/new-rss/", "/rss/", "/new-rss/", "/rss/",
        "/new-rss/", "/new-rss/");
    assertThat(db.feeds().state("moved").orElseThrow().redirectUrl())
        .contains(server.url("/new-rss/").toString());
  }

  @Test
  void utf8FeedServedAsTextXmlWithoutCharsetIsNotAscii() throws SQLException {
    String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>ТАСС</title>"
        + "<item><title>Москва — новости</title><link>https://tass.ru/x/1</link></item>"
        + "</channel></rss>";
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/xml")
        .body(new Buffer().write(xml.getBytes(StandardCharsets.UTF_8))).build());
    assertThat(ingester.poll(source("utf8")).inserted()).isEqualTo(1);
    assertThat(column("SELECT title FROM item WHERE source_id='utf8'"))
        .containsExactly("Москва — новости");
  }
}
