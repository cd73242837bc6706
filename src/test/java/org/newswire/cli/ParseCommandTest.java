package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {
  private static final String FEED = """
      <?xml version="1.0" encoding="windows-1251"?>
      <rss version="2.0"><channel><title>Агентство</title><link>http://ag.example.ru/</link>
      <item><title>Новость &laquo;дня&raquo;</title><link>/n/1?utm_source=rss</link>
      <pubDate>Sat, 03 Jul 2021 07:15:00 +0300</pubDate>
      <description>&lt;p&gt;Текст&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
      </item></channel></rss>
      """;

  private record Run(int exit, String out) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(new StringWriter()));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString());
  }

  @Test
  void printsTheContractForAWindows1251File(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feed.xml");
    Files.write(file, FEED.getBytes(Charset.forName("windows-1251")));
    Run r = run("parse", "--base-url", "http://ag.example.ru/rss", file.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\n  \"file\"");  // one input: pretty
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.fieldNames()).toIterable()
        .containsExactly("file", "error", "encoding", "warnings", "feed", "entries");
    assertThat(j.get("error").isNull()).isTrue();
    assertThat(j.get("warnings")).isEmpty();
    assertThat(j.get("encoding").asText()).isEqualTo("windows-1251");
    assertThat(j.at("/feed/title").asText()).isEqualTo("Агентство");
    assertThat(j.get("feed").fieldNames()).toIterable().containsExactly("title", "link", "self",
        "id",
        "subtitle", "rights", "language", "updated", "published", "author", "authors",
        "generator", "image_url", "categories");
    JsonNode e = j.at("/entries/0");
    assertThat(e.fieldNames()).toIterable().containsExactly("title", "link", "id", "published",
        "updated", "author", "authors", "summary_text", "summary_html", "content_text",
        "content_html", "enclosures", "categories", "comments");
    assertThat(e.get("title").asText()).isEqualTo("Новость «дня»");
    assertThat(e.get("link").asText()).isEqualTo("http://ag.example.ru/n/1");
    assertThat(e.get("published").asText()).isEqualTo("2021-07-03T04:15:00Z");
    assertThat(e.get("summary_html").asText()).isEqualTo("<p>Текст</p>");
    assertThat(e.get("summary_text").asText()).isEqualTo("Текст");
    assertThat(e.get("id").isNull()).isTrue();
  }

  @Test
  void anInvalidOptionalElementIsReportedInWarningsAndTheFeedKept(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("feed.xml");
    Files.writeString(file, FEED.replace("<channel>", "<channel><skipHours><hour>25</hour>"
        + "</skipHours><cloud domain=\"rpc.example\" port=\"eighty\" path=\"/\" "
        + "registerProcedure=\"p\" protocol=\"soap\"/>").replace("windows-1251", "UTF-8"));
    Run r = run("parse", file.toString());
    assertThat(r.exit()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("error").isNull()).isTrue();
    assertThat(j.at("/entries/0/title").asText()).isEqualTo("Новость «дня»");
    assertThat(j.get("warnings")).hasSize(2);
    assertThat(j.get("warnings").get(0).asText())
        .isEqualTo("dropped invalid optional element <skipHours> (Invalid hour [25])");
    assertThat(j.get("warnings").get(1).asText())
        .startsWith("dropped invalid optional element <cloud>");
  }

  @Test
  void jsonlGivesOneLinePerInputAndAnErrorExitForUnreadable(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.xml");
    Path bad = dir.resolve("bad.xml");
    Files.writeString(good, "<rss version=\"2.0\"><channel><title>ok</title></channel></rss>");
    Files.writeString(bad, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
    Run r = run("parse", "--jsonl", good.toString(), bad.toString(), dir.resolve("missing").toString());
    assertThat(r.exit()).isNotZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(lines.get(0)).get("error").isNull()).isTrue();
    assertThat(m.readTree(lines.get(1)).get("error").asText()).contains("entities");
    assertThat(m.readTree(lines.get(2)).get("error").asText()).contains("no such file");
    assertThat(r.out()).doesNotContain("Exception").doesNotContain("root:");
  }

  @Test
  void urlInputsAreFetchedWithTheAddressPolicy() throws Exception {
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.start();
      server.enqueue(new mockwebserver3.MockResponse.Builder()
          .addHeader("Content-Type", "application/rss+xml; charset=windows-1251")
          .body(new okio.Buffer().write(FEED.replace(" encoding=\"windows-1251\"", "")
              .getBytes(java.nio.charset.Charset.forName("windows-1251")))).build());
      String url = server.url("/rss/").toString();

      Run refused = run("parse", "--jsonl", url);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.out()).contains("refused to connect to 127.0.0.1 (loopback)")
          .contains("; pass --allow-private-networks to allow")
          .doesNotContain("fetch.allow_private_networks");
      assertThat(server.getRequestCount()).isZero();

      Run allowed = run("parse", "--allow-private-networks", url);
      assertThat(allowed.exit()).isZero();
      com.fasterxml.jackson.databind.JsonNode json =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(allowed.out());
      assertThat(json.at("/entries/0/title").asText()).isEqualTo("Новость «дня»");
      assertThat(json.at("/entries/0/link").asText()).isEqualTo(server.url("/n/1").toString());
      assertThat(json.at("/encoding").asText()).isEqualToIgnoringCase("windows-1251");
    }
  }

  private static final String ATOM = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Агентство</title>
        <link rel="self" href="https://ag.example.ru/rss/feed.atom"/>
        <link rel="alternate" type="text/html" href="https://ag.example.ru/site/"/>
        <id>urn:ag</id><updated>2021-07-03T10:05:00Z</updated>
        <entry><title>Новость</title><link href="n/1"/><id>urn:ag:1</id>
          <updated>2021-07-03T10:05:00</updated>
          <content type="html">&lt;p&gt;Текст &lt;img src="../img/1.jpg"&gt;&lt;/p&gt;</content>
        </entry>
      </feed>
      """;

  @Test
  void atomFeedLinkIsTheAlternateOneAndSelfHasItsOwnField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feed.atom");
    Files.writeString(file, ATOM);
    JsonNode j = new ObjectMapper().readTree(run("parse", file.toString()).out());
    assertThat(j.at("/feed/link").asText()).isEqualTo("https://ag.example.ru/site/");
    assertThat(j.at("/feed/self").asText()).isEqualTo("https://ag.example.ru/rss/feed.atom");
  }

  @Test
  void relativeUrlsOfAFileResolveAgainstTheFeedsSelfLink(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feed.atom");
    Files.writeString(file, ATOM);
    Run r = run("parse", file.toString());
    assertThat(r.exit()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/entries/0/link").asText()).isEqualTo("https://ag.example.ru/rss/n/1");
    assertThat(j.at("/entries/0/content_html").asText())
        .contains("<img src=\"https://ag.example.ru/img/1.jpg\">");
    assertThat(j.get("warnings")).isEmpty();
  }

  @Test
  void relativeUrlsOfAnRssFileResolveAgainstTheChannelLink(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feed.xml");
    Files.write(file, FEED.getBytes(Charset.forName("windows-1251")));
    JsonNode j = new ObjectMapper().readTree(run("parse", file.toString()).out());
    assertThat(j.at("/entries/0/link").asText()).isEqualTo("http://ag.example.ru/n/1");
  }

  @Test
  void relativeUrlsThatCannotBeResolvedAreNamedInWarnings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feed.xml");
    Files.writeString(file, """
        <rss version="2.0"><channel><title>Без ссылок</title>
        <item><title>Первая</title><link>/news/1</link>
        <description>&lt;p&gt;Фото &lt;img src="/img/a.jpg"&gt;&lt;/p&gt;</description></item>
        <item><title>Вторая</title><link>https://ag.example.ru/news/2</link></item>
        </channel></rss>
        """);
    Run r = run("parse", "--jsonl", file.toString());
    assertThat(r.exit()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/entries/0/link").isNull()).isTrue();
    assertThat(j.get("warnings")).hasSize(1);
    assertThat(j.at("/warnings/0").asText()).startsWith("entry 1 (Первая): relative link /news/1,"
        + " image /img/a.jpg dropped").contains("pass --base-url");
  }

  @Test
  void urlInputsResolveAgainstTheAddressAfterRedirects() throws Exception {
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.start();
      server.enqueue(new mockwebserver3.MockResponse.Builder().code(301)
          .addHeader("Location", "/feeds/ru/rss.xml").build());
      server.enqueue(new mockwebserver3.MockResponse.Builder()
          .addHeader("Content-Type", "application/rss+xml; charset=utf-8")
          .body("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title>"
              + "<link>n/1</link></item></channel></rss>").build());
      Run r = run("parse", "--allow-private-networks", server.url("/rss").toString());
      JsonNode j = new ObjectMapper().readTree(r.out());
      assertThat(j.at("/entries/0/link").asText())
          .isEqualTo(server.url("/feeds/ru/n/1").toString());
    }
  }

  @Test
  void timezoneOptionReadsZonelessDatesInThatZone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feed.xml");
    Files.writeString(file, """
        <rss version="2.0"><channel><title>t</title><link>https://kabar.kg/</link>
        <item><title>x</title><link>https://kabar.kg/n/1</link>
        <pubDate>Sat, 03 Jul 2021 10:05:00</pubDate></item></channel></rss>
        """);
    JsonNode utc = new ObjectMapper().readTree(run("parse", file.toString()).out());
    assertThat(utc.at("/entries/0/published").asText()).isEqualTo("2021-07-03T10:05:00Z");
    Run bishkek = run("parse", "--timezone", "Asia/Bishkek", file.toString());
    assertThat(new ObjectMapper().readTree(bishkek.out()).at("/entries/0/published").asText())
        .isEqualTo("2021-07-03T04:05:00Z");
    assertThat(run("parse", "--timezone", "Mars/Olympus", file.toString()).exit()).isEqualTo(2);
  }

  @Test
  void anHtmlPageIsReportedWithTheFeedsItAdvertises(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("index.html");
    Files.writeString(file, "<!DOCTYPE html><html><head><link rel=\"alternate\""
        + " type=\"application/atom+xml\" href=\"https://ag.example.ru/feed.atom\"></head>"
        + "<body><p>Главная</p></body></html>");
    Run r = run("parse", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(r.out()).get("error").asText()).isEqualTo(
        "an HTML page came back, not a feed; the page advertises this feed:"
            + " https://ag.example.ru/feed.atom (application/atom+xml); use one as the source's url");
  }
}
