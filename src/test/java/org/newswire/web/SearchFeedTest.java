package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.publish.Publisher;
import org.newswire.search.SearchIndex;
import org.newswire.store.Items;

/** {@code q=} over real HTTP: found by stems, refused with a reason, paged, cached, current. */
class SearchFeedTest {
  private static final Pattern NEXT = Pattern.compile("<link rel=\"next\" href=\"([^\"]+)\"");
  @TempDir static Path dir;
  private static Fixture fx;
  private static SearchIndex index;
  private static WebServer server;
  private static String base;

  @BeforeAll
  static void start() {
    fx = new Fixture();
    index = SearchIndex.open(dir.resolve("search"), fx.db.changes(), Clock.systemUTC());
    server = new WebServer(new Publisher(fx.db.items(), Optional.of(index), Servers.settings(),
        () -> Fixture.SOURCES), Servers.settings());
    index.start();
    server.start();
    base = "http://127.0.0.1:" + server.port();
    awaitOk("Президент");
  }

  @AfterAll
  static void stop() {
    server.close();
    index.close();
    fx.close();
  }

  private static String url(String q, String more) {
    return base + "/feed.atom?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more;
  }

  private static void awaitOk(String q) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Http.get(url(q, "")).statusCode() == 503 && System.nanoTime() < deadline) {
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> ids(String q, String more) {
    HttpResponse<byte[]> r = Http.get(url(q, more));
    assertThat(r.statusCode()).as(q).isEqualTo(200);
    return Http.entryIds(Http.text(r));
  }

  @Test
  void inflectedFormsAreFoundWithTheMergedFeedsRules() {
    String k1 = Fixture.entryId("kabar", "k1");
    assertThat(ids("бюджет", "")).containsExactly(k1); // "Бюджет Кыргызстана утверждён"
    assertThat(ids("Кыргызстан утвержден", "")).containsExactly(k1);
    assertThat(ids("бюджет", "&source=tass")).isEmpty();
    assertThat(ids("бюджет", "&category=economy")).containsExactly(k1);
    assertThat(ids("бюджет", "&lang=ru")).isEmpty();
    // Both agencies' copies of the meeting match; one entry, the first-seen (tass).
    assertThat(ids("президент", "")).containsExactly(Fixture.entryId("tass", "t1"));
    assertThat(Http.text(Http.get(url("президент", "")))).contains("ria");
  }

  @Test
  void malformedQueriesAre400WithTheReasonInOneLine() {
    for (String[] c : List.of(
        new String[] {"\"выборы мэра", "q: a quote opened at character 1 is not closed\n"},
        new String[] {"-выборы", "q: only excluded words; give at least one word to find\n"},
        new String[] {"", "q: no words to search for\n"},
        new String[] {"выборы OR", "q: OR needs a word on each side\n"},
        new String[] {"в*ы", "q: '*' may only end a word ('в*ы')\n"},
        new String[] {"x".repeat(201), "q: longer than 200 characters\n"})) {
      HttpResponse<byte[]> r = Http.get(url(c[0], ""));
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(Http.text(r)).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void searchesPageByCursorAndAnswer304ToTheirEtag() {
    List<String> seen = new ArrayList<>();
    String next = url("Президент OR бюджет OR экономика OR quotes", "&limit=1");
    int pages = 0;
    while (next != null && pages < 10) {
      String atom = Http.text(Http.get(next));
      seen.addAll(Http.entryIds(atom));
      Matcher m = NEXT.matcher(atom);
      next = m.find() ? m.group(1).replace("&amp;", "&") : null;
      pages++;
    }
    assertThat(seen).containsExactly(Fixture.entryId("ria", "r2"),
        Fixture.entryId("tass", "t1"), Fixture.entryId("kabar", "k1"),
        Fixture.entryId("evil", "e1"));

    HttpResponse<byte[]> first = Http.get(url("бюджет", ""));
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(Http.get(url("бюджет", ""), "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void aSearchGzipsToItsOwnBytesWithItsOwnEtagAndMatchesThePlainFeed() {
    HttpResponse<byte[]> plain = Http.get(url("бюджет", ""));
    HttpResponse<byte[]> gz = Http.get(url("бюджет", ""), "Accept-Encoding", "gzip");
    assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(Http.gunzip(gz.body())).isEqualTo(plain.body());
    String gzTag = gz.headers().firstValue("ETag").orElseThrow();
    assertThat(gzTag).isEqualTo(plain.headers().firstValue("ETag").orElseThrow()
        .replaceAll("\"$", "-gz\""));
    assertThat(Http.get(url("бюджет", ""), "Accept-Encoding", "gzip", "If-None-Match", gzTag)
        .statusCode()).isEqualTo(304);
    assertThat(Http.send("HEAD", url("бюджет", "")).headers().firstValue("Content-Length"))
        .contains(Integer.toString(plain.body().length));
    // The same entry, with the same content, as the plain merged feed shows it.
    String k1 = Fixture.entryId("kabar", "k1");
    String feed = Http.text(Http.get(base + "/feed.atom"));
    String searched = Http.text(plain);
    assertThat(entry(searched, k1)).isEqualTo(entry(feed, k1)).isNotEmpty();
  }

  /** The {@code <entry>} element whose id is {@code id}, as written. */
  private static String entry(String atom, String id) {
    int at = atom.indexOf("<id>" + id + "</id>");
    return at < 0 ? "" : atom.substring(atom.lastIndexOf("<entry>", at),
        atom.indexOf("</entry>", at) + "</entry>".length());
  }

  @Test
  void aNewItemIsFoundWithoutWaitingForTheCacheToExpire() {
    assertThat(ids("наводнение", "")).isEmpty(); // cached: empty
    Items.poll(fx.store, "kabar", Fixture.T0.plusSeconds(600), List.of(item("k9")
        .title("Наводнения в Баткенской области").published(Fixture.T0.plusSeconds(600))
        .build()));
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<String> found = List.of();
    while (found.isEmpty() && System.nanoTime() < deadline) {
      found = ids("наводнение", "");
      sleep();
    }
    assertThat(found).containsExactly(Fixture.entryId("kabar", "k9"));
  }
}
