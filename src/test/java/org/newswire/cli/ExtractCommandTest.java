package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExtractCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  private Path copy(String resource) throws Exception {
    Path p = dir.resolve(resource);
    try (InputStream in = getClass().getResourceAsStream("/fulltext/" + resource)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void prettyPrintsOneArticle() throws Exception {
    Path page = copy("kabar-agency.html");
    int code = run("extract", "--base-url", "https://kabar.kg/ru/news/1/", page.toString());
    assertThat(code).isZero();
    JsonNode j = new ObjectMapper().readTree(out.toString());
    List<String> fields = List.of("file", "url", "title", "author", "published", "lead_image",
        "content_html", "content_text", "method", "warnings", "error");
    assertThat(j.fieldNames()).toIterable().containsExactlyElementsOf(fields);
    assertThat(j.get("url").asText()).isEqualTo("https://kabar.kg/ru/news/1/");
    assertThat(j.get("method").asText()).isEqualTo("heuristic");
    assertThat(j.get("published").asText()).isEqualTo("2021-07-03T04:15:00Z");
    assertThat(j.get("lead_image").asText()).isEqualTo("https://kabar.kg/uploads/2021/07/mid-meeting.jpg");
    assertThat(j.get("content_text").asText()).startsWith("Бишкек, 03.07.21. /Кабар/.");
    assertThat(j.get("error").isNull()).isTrue();
    assertThat(out.toString().lines().count()).isGreaterThan(5);
  }

  @Test
  void jsonlPrintsOneLinePerInputAndFailsOnErrors() throws Exception {
    Path a = copy("kabar-agency.html");
    Path b = copy("jsonld-only.html");
    Path missing = dir.resolve("missing.html");
    int code = run("extract", "--jsonl", a.toString(), b.toString(), missing.toString(),
        "http://127.0.0.1:9/news/1");
    assertThat(code).isEqualTo(1);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(lines.get(1)).get("method").asText()).isEqualTo("jsonld");
    JsonNode failed = json.readTree(lines.get(2));
    assertThat(failed.get("error").asText()).startsWith("cannot read " + missing);
    assertThat(failed.get("content_text").isNull()).isTrue();
    // URL inputs go through the fetcher and its address policy: loopback is refused.
    assertThat(json.readTree(lines.get(3)).get("error").asText())
        .startsWith("refused to connect to 127.0.0.1 (loopback)");
    assertThat(err.toString()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void selectorOptionsMatchSourcesYml() throws Exception {
    Path page = copy("selector-override.html");
    int code = run("extract", "--jsonl", "--content", ".unit-info p:first-child", page.toString());
    assertThat(code).isZero();
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.get("method").asText()).isEqualTo("selector");
    assertThat(j.get("content_text").asText()).isEqualTo("The unit adds 600 megawatts of capacity.");
  }

  @Test
  void urlInputIsFetchedAsAPage() throws Exception {
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.start();
      server.enqueue(new mockwebserver3.MockResponse.Builder()
          .addHeader("Content-Type", "text/html; charset=utf-8")
          .body(java.nio.file.Files.readString(copy("kabar-agency.html"))).build());
      int code = run("extract", "--allow-private-networks", server.url("/news/1").toString());
      assertThat(code).isZero();
      JsonNode rec = new ObjectMapper().readTree(out.toString());
      assertThat(rec.get("url").asText()).isEqualTo(server.url("/news/1").toString());
      assertThat(rec.get("content_text").asText()).contains("Кабар");
      assertThat(server.takeRequest().getHeaders().get("Accept")).startsWith("text/html");
    }
  }

  @Test
  void urlIsTheCanonicalLinkAndLeadImageTheOpeningFigure() throws Exception {
    Path page = copy("kabar-figure-canonical.html");
    int code = run("extract", "--base-url", "https://kabar.kg/ru/news/12345/?utm_source=tg",
        page.toString());
    assertThat(code).isZero();
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.get("url").asText()).isEqualTo("https://kabar.kg/ru/news/12345-parlament/");
    assertThat(j.get("lead_image").asText())
        .isEqualTo("https://kabar.kg/media/2021/07/budget.jpg");
    assertThat(j.get("content_text").asText()).startsWith("Бишкек, 03.07.21. /Кабар/.")
        .doesNotContain("© Кабар");
    assertThat(j.get("warnings")).isEmpty();
  }

  @Test
  void aContentSelectorThatMatchesNothingIsReported() throws Exception {
    Path page = copy("kabar-figure-canonical.html");
    int code = run("extract", "--content", ".no-such-body", page.toString());
    assertThat(code).isZero();
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.get("method").asText()).isEqualTo("heuristic");
    assertThat(j.get("warnings")).hasSize(1);
    assertThat(j.at("/warnings/0").asText())
        .isEqualTo("--content \".no-such-body\" matched nothing; used the heuristic");
  }

  @Test
  void aContentSelectorThatMatchesIsUsedWithoutWarning() throws Exception {
    Path page = copy("kabar-figure-canonical.html");
    run("extract", "--content", ".article-body", page.toString());
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.get("method").asText()).isEqualTo("selector");
    assertThat(j.get("warnings")).isEmpty();
  }

  @Test
  void loopbackRefusalNamesTheFlag() throws Exception {
    int code = run("extract", "--jsonl", "http://127.0.0.1:9/news/1");
    assertThat(code).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(out.toString()).get("error").asText())
        .contains("(loopback)").endsWith("; pass --allow-private-networks to allow");
  }
}
