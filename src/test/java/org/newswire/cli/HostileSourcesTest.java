package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.cli.DaemonFixture.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.model.Source;
import org.newswire.store.TestDatabases;
import org.slf4j.LoggerFactory;

/**
 * Hostile sources through the whole daemon: secrets in feed URLs, markup in plain-text fields,
 * and a sources file emptied under a running daemon.
 */
class HostileSourcesTest {
  private static final List<String> SECRETS =
      List.of("hunter2pass", "reader:", "S3CR3T-KEY", "downpass", "TOK3N-DOWN");
  private static final String HOSTILE_FEED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Враждебная лента</title><link>https://evil.example/</link>
        <item><title>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Заголовок \
      &amp;lt;b&amp;gt;жирный&amp;lt;/b&amp;gt;</title>
          <link>https://evil.example/news/1</link><guid>evil-1</guid>
          <description>&amp;lt;img src=x onerror=alert(2)&amp;gt;Текст новости</description>
          <pubDate>Sat, 03 Jul 2021 10:15:00 +0600</pubDate></item>
        <item><title><![CDATA[<i>Курсив</i> &lt;svg onload=alert(3)&gt; в заголовке]]></title>
          <link>https://evil.example/news/2</link><guid>evil-2</guid>
          <pubDate>Sat, 03 Jul 2021 09:15:00 +0600</pubDate></item>
      </channel></rss>
      """;
  private static final String PLAIN_FEED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Закрытая лента</title><link>https://paid.example/</link>
        <item><title>Новость по подписке</title><link>https://paid.example/news/1</link>
          <guid>paid-1</guid><pubDate>Sat, 03 Jul 2021 11:15:00 +0600</pubDate></item>
      </channel></rss>
      """;

  @TempDir Path dir;
  private DbSettings db;
  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.createFresh();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String body = request.getTarget().startsWith("/hostile/") ? HOSTILE_FEED : PLAIN_FEED;
        return new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml")
            .body(body).build();
      }
    });
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    TestDatabases.drop(db);
  }

  private String sources() {
    return """
        sources:
          - id: paid
            url: http://reader:hunter2pass@127.0.0.1:%1$d/paid/feed?apikey=S3CR3T-KEY&lang=ru
            interval: 1m
          - id: down
            url: http://admin:downpass@127.0.0.1:1/feed?token=TOK3N-DOWN
            interval: 1m
          - id: hostile
            url: http://127.0.0.1:%1$d/hostile/
            interval: 1m
        """.formatted(server.getPort());
  }

  @Test
  void secretsOfSourceUrlsAreNeitherServedNorLogged() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    Daemon d = DaemonFixture.start(DaemonFixture.writeConfig(dir, db, sources()), "sec", "n1");
    List<String> documents = new ArrayList<>();
    try {
      await("paid polled", Duration.ofSeconds(20), () -> requests.stream()
          .anyMatch(r -> r.getTarget().startsWith("/paid/")));
      await("down failed", Duration.ofSeconds(20), () -> get(d.web().statusPort(),
          "/api/sources").contains("\"consecutive_failures\" : 1"));
      await("items stored", Duration.ofSeconds(20),
          () -> get(d.web().port(), "/feed.atom").contains("Новость по подписке"));
      // Fetching uses the real URL, key and all.
      assertThat(requests).anySatisfy(r ->
          assertThat(r.getTarget()).isEqualTo("/paid/feed?apikey=S3CR3T-KEY&lang=ru"));
      for (String path : List.of("/opml", "/feed.atom", "/feed.rss", "/feed.json",
          "/sources/paid/feed.atom")) {
        documents.add(get(d.web().port(), path));
      }
      documents.add(get(d.web().statusPort(), "/api/sources"));
    } finally {
      d.stop();
      root.detachAppender(logged);
    }
    for (String doc : documents) {
      assertThat(doc).doesNotContain(SECRETS);
    }
    // Shown, minus the secrets: the rest of the URL is still there for the reader.
    assertThat(documents.get(0)).contains("xmlUrl=\"http://127.0.0.1:" + server.getPort()
        + "/paid/feed?apikey=REDACTED&amp;lang=ru\"");
    assertThat(documents.get(1)).contains("/paid/feed?apikey=REDACTED");
    assertThat(documents.get(5)).contains("\"url\" : \"http://127.0.0.1:1/feed?token=REDACTED\"")
        .contains("127.0.0.1:1"); // the connect error names the URL, redacted
    List<String> lines;
    synchronized (logged) {
      lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
    assertThat(lines).anyMatch(l -> l.contains("source down") && l.contains("token=REDACTED"));
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(SECRETS));
  }

  @Test
  void titlesAndSummariesComeOutWithoutMarkup() throws Exception {
    Daemon d = DaemonFixture.start(DaemonFixture.writeConfig(dir, db, sources()), "tag", "n1");
    String rss;
    String json;
    try {
      await("hostile items stored", Duration.ofSeconds(20),
          () -> get(d.web().port(), "/sources/hostile/feed.rss").contains("Курсив"));
      rss = get(d.web().port(), "/sources/hostile/feed.rss");
      json = get(d.web().port(), "/sources/hostile/feed.json");
    } finally {
      d.stop();
    }
    List<String> titles = new ArrayList<>();
    Matcher m = Pattern.compile("<item><title>([^<]*)</title>").matcher(rss);
    while (m.find()) {
      titles.add(m.group(1));
    }
    assertThat(titles).containsExactly("Заголовок жирный", "Курсив в заголовке");
    JsonNode items = new ObjectMapper().readTree(json).get("items");
    assertThat(items).extracting(i -> i.get("title").asText())
        .containsExactly("Заголовок жирный", "Курсив в заголовке");
    assertThat(items.get(0).get("summary").asText()).isEqualTo("Текст новости");
  }

  @Test
  void anEmptiedSourcesFileIsRejectedOnReloadAndByCheckConfig() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, sources());
    Daemon d = DaemonFixture.start(cfg, "rel", "n1");
    try {
      Files.writeString(dir.resolve("sources.yml"), "");
      d.reload();
      assertThat(d.reloadStatus().ok()).isFalse();
      assertThat(d.sources()).extracting(Source::id).containsExactly("paid", "down", "hostile");
      String health = get(d.web().statusPort(), "/healthz");
      assertThat(health).contains("\"last_reload\" : \"failed\"",
          "sources.yml:1:1: no 'sources' list");
    } finally {
      d.stop();
    }
    Result empty = checkConfig(cfg);
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err()).contains(dir.resolve("sources.yml") + ":1:1: no 'sources' list");

    Files.writeString(dir.resolve("sources.yml"), "# nothing yet\nsources: []\n");
    Result none = checkConfig(cfg);
    assertThat(none.code()).isZero();
    assertThat(none.err()).contains(dir.resolve("sources.yml") + ":2:10: warning: 'sources' is"
        + " empty");

    Files.writeString(dir.resolve("sources.yml"), sources() + """
            extract:
              content: "div[[["
        """);
    Result selector = checkConfig(cfg);
    assertThat(selector.code()).isEqualTo(1);
    assertThat(selector.err()).contains(dir.resolve("sources.yml") + ":12:16: not a valid CSS"
        + " selector 'div[[['");
  }

  private record Result(int code, String err) {}

  private static Result checkConfig(Path cfg) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("check-config", "--config", cfg.toString());
    } finally {
      System.setErr(saved);
    }
    return new Result(code, err.toString(StandardCharsets.UTF_8));
  }

  private static String get(int port, String path) {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
              + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
