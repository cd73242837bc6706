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
    assertThat(j.get("feed").fieldNames()).toIterable().containsExactly("title", "link", "id",
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
      assertThat(refused.out()).contains("refused to connect to 127.0.0.1 (loopback)");
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
}
