package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.HttpSettings;

/** HTTP behaviour: validators, encodings, filters, errors, restarts, invalidation. */
class WebServerTest {
  private static final Pattern NEXT = Pattern.compile("<link rel=\"next\" href=\"([^\"]+)\"");
  private static Fixture fx;
  private static WebServer server;
  private static String base;

  @BeforeAll
  static void start() {
    fx = new Fixture();
    server = new WebServer(fx.db.items(), Servers.settings(), () -> Fixture.SOURCES);
    server.addStatusRoute("/healthz", () -> new org.newswire.web.StatusRoute.Reply(200,
        "text/plain; charset=utf-8", "ok " + "x".repeat(2000)));
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
    fx.close();
  }

  private static List<String> idsIn(String atom) {
    return Http.entryIds(atom);
  }

  @Test
  void etagAndLastModifiedAnswer304() {
    HttpResponse<byte[]> first = Http.get(base + "/feed.atom");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String modified = first.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(etag).matches("\"[A-Za-z0-9_-]{27}\""); // strong: no W/
    // When the page last changed in the store (evil's poll, the last one), not r2's date.
    assertThat(modified).isEqualTo("Fri, 01 Mar 2024 10:04:00 GMT");
    assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=60");
    HttpResponse<byte[]> again = Http.get(base + "/feed.atom", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).contains(etag);
    assertThat(Http.get(base + "/feed.atom", "If-Modified-Since", modified).statusCode())
        .isEqualTo(304);
    assertThat(Http.get(base + "/feed.atom", "If-Modified-Since",
        "Fri, 01 Mar 2024 10:03:59 GMT").statusCode()).isEqualTo(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    assertThat(Http.get(base + "/feed.atom", "If-None-Match", "\"other\"",
        "If-Modified-Since", modified).statusCode()).isEqualTo(200);
    assertThat(Http.get(base + "/feed.rss", "If-None-Match", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void gzipWhenAcceptedWithItsOwnEtag() {
    HttpResponse<byte[]> plain = Http.get(base + "/feed.atom");
    HttpResponse<byte[]> gz = Http.get(base + "/feed.atom", "Accept-Encoding", "gzip, br");
    assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(gz.headers().firstValue("Vary")).contains("Accept-Encoding");
    assertThat(Http.gunzip(gz.body())).isEqualTo(plain.body());
    assertThat(gz.body().length).isLessThan(plain.body().length);
    String gzTag = gz.headers().firstValue("ETag").orElseThrow();
    assertThat(gzTag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
    assertThat(Http.get(base + "/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", gzTag)
        .statusCode()).isEqualTo(304);
    assertThat(Http.get(base + "/feed.atom", "Accept-Encoding", "gzip;q=0")
        .headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void headAnswersHeadersOnly() {
    HttpResponse<byte[]> get = Http.get(base + "/feed.json");
    HttpResponse<byte[]> head = Http.send("HEAD", base + "/feed.json");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .contains(Integer.toString(get.body().length));
    assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
  }

  @Test
  void everyFilterNarrowsTheFeed() {
    String tass = Fixture.entryId("tass", "t1");
    String r2 = Fixture.entryId("ria", "r2");
    String r1 = Fixture.entryId("ria", "r1");
    String k1 = Fixture.entryId("kabar", "k1");
    String e1 = Fixture.entryId("evil", "e1");
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?source=tass")))).containsExactly(tass);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?source=kabar,evil"))))
        .containsExactly(k1, e1);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?source=kabar&source=tass"))))
        .containsExactly(tass, k1);
    assertThat(idsIn(Http.text(Http.get(base + "/sources/ria/feed.atom"))))
        .containsExactly(r2, r1); // alone, ria's copy of the shared story is its own entry
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?category=politics"))))
        .containsExactly(r2, tass);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?category=ECONOMY"))))
        .containsExactly(k1);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?lang=ru")))).containsExactly(r2, tass);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?lang=ky")))).containsExactly(k1);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?lang=ru&category=politics&source=ria"))))
        .containsExactly(r2, r1);
    assertThat(idsIn(Http.text(Http.get(base + "/feed.atom?limit=1")))).containsExactly(r2);
  }

  @Test
  void nextLinksWalkTheWholeFeedOnce() {
    List<String> seen = new ArrayList<>();
    String url = base + "/feed.atom?limit=1";
    int pages = 0;
    while (url != null && pages < 10) {
      String atom = Http.text(Http.get(url));
      seen.addAll(idsIn(atom));
      Matcher m = NEXT.matcher(atom);
      url = m.find() ? m.group(1).replace("&amp;", "&") : null;
      pages++;
    }
    assertThat(seen).containsExactly(Fixture.entryId("ria", "r2"),
        Fixture.entryId("tass", "t1"), Fixture.entryId("kabar", "k1"),
        Fixture.entryId("evil", "e1"));
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void badParametersAnswer400InOneLine() {
    for (String q : List.of("limit=0", "limit=501", "limit=abc", "before=garbage",
        "before=YzEuMS4x%21", "source=nope", "source=BAD!", "q=%22ab", "category=none",
        "lang=1", "limit=5&limit=6", "q=%D0")) {
      HttpResponse<byte[]> r = Http.get(base + "/feed.atom?" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).as(q)
          .contains("text/plain; charset=utf-8");
      String body = Http.text(r);
      assertThat(body).as(q).endsWith("\n").doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(body.strip().lines().count()).as(q).isEqualTo(1);
    }
    assertThat(Http.text(Http.get(base + "/feed.atom?limit=0")))
        .isEqualTo("limit: must be a number from 1 to 500\n");
  }

  @Test
  void unknownPathsAnswer404AndOtherMethods405() {
    for (String p : List.of("/nope", "/feed.xml", "/sources/nope/feed.atom",
        "/sources/tass/feed.html", "/feed.atom/x", "/healthz")) {
      HttpResponse<byte[]> r = Http.get(base + p);
      assertThat(r.statusCode()).as(p).isEqualTo(404);
      assertThat(Http.text(r).strip().lines().count()).as(p).isEqualTo(1);
    }
    HttpResponse<byte[]> post = Http.send("POST", base + "/feed.atom");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void statusRoutesLiveOnTheStatusListenerOnlyAndAreCompressed() {
    String status = "http://127.0.0.1:" + server.statusPort();
    HttpResponse<byte[]> r = Http.get(status + "/healthz", "Accept-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(new String(Http.gunzip(r.body()))).startsWith("ok xxx");
    assertThat(Http.get(status + "/feed.atom").statusCode()).isEqualTo(404);
    assertThat(Http.get(status + "/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void aRestartKeepsIdsAndEtags() {
    HttpSettings proxied = Servers.behind("https://news.example/");
    HttpResponse<byte[]> before;
    HttpResponse<byte[]> beforeRss;
    try (WebServer first = new WebServer(fx.db.items(), proxied, () -> Fixture.SOURCES)) {
      first.start();
      String at = "http://127.0.0.1:" + first.port();
      before = Http.get(at + "/feed.atom");
      beforeRss = Http.get(at + "/feed.rss", "Accept-Encoding", "gzip");
    }
    assertThat(Http.text(before)).contains("href=\"https://news.example/feed.atom\"");
    try (WebServer again = new WebServer(fx.db.items(), proxied,
        () -> List.copyOf(Fixture.SOURCES))) {
      again.start();
      String other = "http://127.0.0.1:" + again.port();
      HttpResponse<byte[]> after = Http.get(other + "/feed.atom");
      assertThat(idsIn(Http.text(after))).isEqualTo(idsIn(Http.text(before)));
      assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
      HttpResponse<byte[]> afterRss = Http.get(other + "/feed.rss", "Accept-Encoding", "gzip");
      assertThat(afterRss.headers().firstValue("ETag"))
          .isEqualTo(beforeRss.headers().firstValue("ETag"));
      assertThat(afterRss.body()).isEqualTo(beforeRss.body());
    }
  }

}
