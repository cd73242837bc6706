package org.newswire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.Fetcher;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.model.ExtractRules;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.ArticleJob;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

/** Full-text sources end to end: teaser feed → page fetched → article stored; and failures. */
class FullTextTest {
  private static final Instant NOW = Instant.parse("2021-07-03T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static DbSettings settings;
  private static Database db;
  private static Fetcher fetcher;
  private static Ingester ingester;
  private static ArticleFetcher articles;
  private MockWebServer server;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
    ingester = new Ingester(fetcher, new FeedParser(), db.feeds(), RefreshPolicy.fixedInterval(),
        CLOCK);
    articles = new ArticleFetcher(fetcher, new ArticleExtractor(CLOCK), db.articles(), CLOCK);
  }

  @AfterAll
  static void close() {
    fetcher.close();
    db.close();
    TestDatabases.drop(settings);
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Source fulltextSource(String id) {
    Source s = Source.of(id, URI.create(server.url("/rss").toString()));
    return new Source(s.id(), s.url(), s.title(), s.interval(), Optional.of("ru"), List.of(),
        ZoneId.of("Asia/Bishkek"), true, true, ExtractRules.none(), true);
  }

  private String teaserFeed(String link, boolean dated) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Кабар</title><link>https://kabar.kg/</link>
          <item><title>Министр иностранных дел встретился с послом</title>
            <link>%s</link><guid>%s</guid>%s
            <description>Министр иностранных дел Кыргызстана встретился… Читать далее</description>
          </item>
        </channel></rss>
        """.formatted(link, link, dated ? "<pubDate>Sat, 03 Jul 2021 10:15:00 +0600</pubDate>"
        : "");
  }

  static final String PAGE = """
      <!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
      <title>Министр иностранных дел встретился с послом — Кабар</title></head><body>
      <nav><a href="/">Главная</a> <a href="/politika">Политика</a> <a href="/ekonomika">Экономика</a></nav>
      <div class="category">Политика <span class="count">0</span></div>
      <div class="social">Читайте и смотрите нас в <a href="https://t.me/kabar">Telegram</a></div>
      <article class="news-text">
        <h1>Министр иностранных дел встретился с послом</h1>
        <p>Бишкек, 03.07.21. /Кабар/. Министр иностранных дел Кыргызстана провёл встречу с
        послом Казахстана, в ходе которой стороны обсудили вопросы двустороннего сотрудничества,
        торговли и транспорта.</p>
        <p>Стороны отметили высокий уровень политического диалога и договорились продолжить
        работу над соглашением о границе, подготовка которого ведётся с прошлого года.</p>
        <p>По итогам встречи было подписано совместное заявление о расширении торговых связей и
        упрощении пересечения границы для граждан обеих стран.</p>
      </article>
      <section class="comments"><h3>Комментарии</h3><button>Оставить комментарий</button></section>
      <footer>© Кабар, 2021. Все права защищены.</footer>
      </body></html>
      """;

  private Map<String, String> item(String sourceId) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT article_status, article_method, article_text,"
             + " article_error, summary_text, published_at, published_guessed, dateline_place,"
             + " dateline_agency, article_attempts FROM item WHERE source_id = '" + sourceId
             + "'")) {
      assertThat(rs.next()).isTrue();
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        m.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
      }
      return m;
    }
  }

  private List<ArticleJob> claim() {
    return db.articles().claim(10, NOW, Duration.ofMinutes(2));
  }

  @Test
  void teaserTriggersThePageAndTheArticleIsStoredWithItsDateline() throws Exception {
    server.enqueue(new MockResponse.Builder().body(teaserFeed(server.url("/news/1").toString(),
        false)).build());
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html")
        .body(PAGE).build());
    Source s = fulltextSource("teaser");
    assertThat(ingester.poll(s).inserted()).isEqualTo(1);
    assertThat(item("teaser")).containsEntry("article_status", "pending");

    List<ArticleJob> jobs = claim();
    assertThat(jobs).hasSize(1);
    assertThat(claim()).as("claimed jobs are leased").isEmpty();
    assertThat(articles.process(jobs.get(0), s)).isTrue();

    Map<String, String> row = item("teaser");
    assertThat(row).containsEntry("article_status", "done")
        .containsEntry("article_method", "heuristic")
        .containsEntry("dateline_place", "Бишкек")
        .containsEntry("dateline_agency", "Кабар")
        .containsEntry("published_guessed", "0");
    assertThat(row.get("article_text")).contains("\nБишкек, 03.07.21. /Кабар/. Министр")
        .contains("совместное заявление").doesNotContain("Читайте и смотрите нас в",
            "Оставить комментарий", "Все права защищены");
    // No date in the feed: the dateline's day, in the source's zone (UTC+6).
    assertThat(row.get("published_at")).isEqualTo("2021-07-02 18:00:00.000000");
  }

  @Test
  void fullTextInTheFeedIsUsedWithoutFetchingThePage() throws Exception {
    String body = "<p>Бишкек, 03.07.21. /Кабар/. " + "Полный текст новости агентства. ".repeat(40)
        + "</p>";
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
          <title>Кабар</title><link>https://kabar.kg/</link>
          <item><title>Полная новость</title><link>%s</link><guid>full-1</guid>
            <pubDate>Sat, 03 Jul 2021 10:15:00 +0600</pubDate>
            <description>Короткое описание</description>
            <content:encoded><![CDATA[%s]]></content:encoded></item>
        </channel></rss>
        """.formatted(server.url("/news/full"), body);
    server.enqueue(new MockResponse.Builder().body(feed).build());
    assertThat(ingester.poll(fulltextSource("full")).inserted()).isEqualTo(1);
    assertThat(item("full")).containsEntry("article_status", "done")
        .containsEntry("article_method", "feed");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void notFoundPageKeepsTheSummaryAndIsNotRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().body(teaserFeed(server.url("/gone").toString(),
        true)).build());
    server.enqueue(new MockResponse.Builder().code(404).body("<h1>Not found</h1>").build());
    Source s = fulltextSource("gone");
    ingester.poll(s);
    assertThat(articles.process(claim().get(0), s)).isFalse();
    Map<String, String> row = item("gone");
    assertThat(row).containsEntry("article_status", "failed")
        .containsEntry("article_error", "HTTP 404 Not Found")
        .containsEntry("article_attempts", "1");
    assertThat(row.get("summary_text")).contains("Министр иностранных дел Кыргызстана");
    assertThat(claim()).isEmpty();
  }

  @Test
  void serverErrorIsRetriedLaterABoundedNumberOfTimes() throws Exception {
    server.enqueue(new MockResponse.Builder().body(teaserFeed(server.url("/flaky").toString(),
        true)).build());
    Source s = fulltextSource("flaky");
    ingester.poll(s);
    ArticleJob job = claim().get(0);
    for (int attempt = 0; attempt < ArticleFetcher.MAX_ATTEMPTS; attempt++) {
      server.enqueue(new MockResponse.Builder().code(503).build());
      assertThat(articles.process(new ArticleJob(job.itemId(), job.sourceId(), job.link(),
          attempt, job.publishedGuessed()), s)).isFalse();
    }
    assertThat(item("flaky")).containsEntry("article_status", "failed")
        .containsEntry("article_attempts", String.valueOf(ArticleFetcher.MAX_ATTEMPTS));
  }

  @Test
  void pageOnAPrivateAddressIsRefused() throws Exception {
    server.enqueue(new MockResponse.Builder().body(teaserFeed(server.url("/private")
        .toString(), true)).build());
    Source s = fulltextSource("private");
    ingester.poll(s);
    int before = server.getRequestCount();
    try (Fetcher guarded = new Fetcher(FetchSettings.defaults())) {
      ArticleFetcher strict = new ArticleFetcher(guarded, new ArticleExtractor(CLOCK),
          db.articles(), CLOCK);
      assertThat(strict.process(claim().get(0), s)).isFalse();
    }
    assertThat(server.getRequestCount()).isEqualTo(before);
    assertThat(item("private").get("article_error")).contains("refused to connect to 127.0.0.1");
    assertThat(item("private")).containsEntry("article_status", "failed");
  }
}
