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
  private static final java.time.Duration IDLE_AFTER = java.time.Duration.ofSeconds(1);
  private static final Pattern NEXT = Pattern.compile("<link rel=\"next\" href=\"([^\"]+)\"");
  @TempDir static Path dir;
  private static Fixture fx;
  private static SearchIndex index;
  private static WebServer server;
  private static String base;

  @BeforeAll
  static void start() {
    fx = new Fixture();
    // Search-idle after a second without a search, so the idle path is part of every test.
    index = SearchIndex.open(dir.resolve("search"), fx.db.changes(), Clock.systemUTC(),
        IDLE_AFTER);
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

  @Test
  void aSearchIdleIndexShowsWhatItHasWrittenRatherThanACachedPage() throws Exception {
    // A publisher that asks the store for changes once an hour: only the index can tell it.
    Publisher publisher = new Publisher(fx.db.items(), Optional.of(index), Servers.settings(),
        () -> Fixture.SOURCES, Clock.systemUTC(), java.time.Duration.ofHours(1));
    java.net.URI at = java.net.URI.create("http://127.0.0.1:1");
    assertThat(render(publisher, "оползень", at)).doesNotContain("<entry>"); // cached: empty
    Thread.sleep(IDLE_AFTER.toMillis() + 200); // no search meanwhile: the index is search-idle
    Items.poll(fx.store, "kabar", Fixture.T0.plusSeconds(660), List.of(item("k10")
        .title("Оползень перекрыл дорогу Бишкек — Ош").published(Fixture.T0.plusSeconds(660))
        .build()));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!(index.lag() == 0 && index.behind()) && System.nanoTime() < deadline) {
      sleep();
    }
    assertThat(index.behind()).as("written, not refreshed").isTrue();
    var params = java.util.Map.of("q", List.of("оползень"));
    // Not the cached page: either no answer without rendering, or one with the new item.
    Optional<Publisher.Outcome> cached = publisher.renderIfCached(
        org.newswire.publish.Format.ATOM, Optional.empty(), params, () -> at);
    cached.ifPresent(o -> assertThat(new String(((Publisher.Rendered) o).document().body(),
        StandardCharsets.UTF_8)).as("answered without rendering, behind=%s", index.behind())
        .contains(Fixture.entryId("kabar", "k10")));
    assertThat(render(publisher, "оползень", at))
        .contains(Fixture.entryId("kabar", "k10"));
  }

  /** The entry of {@code id} on the first page of {@code q}, as served now. */
  private static String entryOf(String q, String id) {
    return entry(Http.text(Http.get(url(q, ""))), id);
  }

  /** Waits until {@code q}'s entry of {@code id} contains {@code text}; returns it. */
  private static String awaitEntry(String q, String id, String text) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String e = entryOf(q, id);
    while (!e.contains(text) && System.nanoTime() < deadline) {
      sleep();
      e = entryOf(q, id);
    }
    return e;
  }

  @Test
  void searchEntriesRenderedBeforeShowAnEditAndAnAgencyThatJoinsTheStory() {
    String quake = "https://story.example/2024/03/01/quake";
    Items.poll(fx.store, "kabar", Fixture.T0.plusSeconds(900), List.of(item("k20")
        .title("Землетрясение в Оше").link("https://kabar.example/quake").canonical(quake)
        .published(Fixture.T0.plusSeconds(900)).build()));
    String k20 = Fixture.entryId("kabar", "k20");
    assertThat(awaitEntry("землетрясение", k20, "Землетрясение в Оше")).doesNotContain("related");
    // Other searches showing the same item reuse its rendered entry...
    assertThat(entryOf("землетрясения", k20)).isEqualTo(entryOf("землетрясение", k20));

    // ...until the item is edited: the next search, whatever its words, shows the edit.
    Items.poll(fx.store, "kabar", Fixture.T0.plusSeconds(960), List.of(item("k20")
        .title("Землетрясение в Оше: число пострадавших выросло").contentHash("h2")
        .link("https://kabar.example/quake").canonical(quake)
        .published(Fixture.T0.plusSeconds(900)).build()));
    assertThat(awaitEntry("землетрясении", k20, "число пострадавших"))
        .contains("<title>Землетрясение в Оше: число пострадавших выросло</title>");

    // An agency joining the story adds its report to the entry, on every search.
    Items.poll(fx.store, "ria", Fixture.T0.plusSeconds(1020), List.of(item("r20")
        .title("В Оше произошло землетрясение").link("https://ria.example/quake")
        .canonical(quake).published(Fixture.T0.plusSeconds(1000)).build()));
    // Standing in for story assignment, as the fixture does.
    org.newswire.store.Stories.story(fx.db, org.newswire.store.Stories.itemId(fx.db, "kabar",
        "k20"), org.newswire.store.Stories.itemId(fx.db, "ria", "r20"));
    assertThat(awaitEntry("землетрясение", k20, "ria.example/quake"))
        .contains("rel=\"related\" href=\"https://ria.example/quake\"")
        .contains("РИА Новости: В Оше произошло землетрясение");
    assertThat(entryOf("землетрясением", k20)).contains("ria.example/quake");
  }

  @Test
  void searchEntriesShowASourceRenamedInTheConfig() {
    java.util.concurrent.atomic.AtomicReference<List<org.newswire.model.Source>> sources =
        new java.util.concurrent.atomic.AtomicReference<>(Fixture.SOURCES);
    Publisher publisher = new Publisher(fx.db.items(), Optional.of(index), Servers.settings(),
        sources::get);
    java.net.URI at = java.net.URI.create("http://127.0.0.1:1");
    String k1 = Fixture.entryId("kabar", "k1");
    String before = entry(render(publisher, "бюджет", at), k1);
    assertThat(before).contains("<title>Kabar</title>");
    List<org.newswire.model.Source> renamed = new ArrayList<>(Fixture.SOURCES);
    renamed.set(2, Servers.source("kabar", "Кабар", "ky", "economy"));
    sources.set(List.copyOf(renamed));
    String after = entry(render(publisher, "бюджета", at), k1);
    assertThat(after).contains("<title>Кабар</title>").doesNotContain("<title>Kabar</title>");
  }

  private static String render(Publisher p, String q, java.net.URI base) {
    Publisher.Outcome o = p.render(org.newswire.publish.Format.ATOM, Optional.empty(),
        java.util.Map.of("q", List.of(q)), () -> base);
    assertThat(o).isInstanceOf(Publisher.Rendered.class);
    return new String(((Publisher.Rendered) o).document().body(), StandardCharsets.UTF_8);
  }

  @Test
  void rssAndJsonSearchesAreTheirFormatsWithEveryEntryInOrder() throws Exception {
    for (int round = 0; round < 2; round++) {
      // Rendered, then (another query, the same items) put together from rendered entries.
      String q = URLEncoder.encode("Президент OR бюджет OR экономика" + (round == 0 ? ""
          : " -пингвин"), StandardCharsets.UTF_8);
      String rss = Http.text(Http.get(base + "/feed.rss?q=" + q));
      com.rometools.rome.feed.rss.Channel ch = (com.rometools.rome.feed.rss.Channel)
          new com.rometools.rome.io.WireFeedInput().build(new java.io.StringReader(rss));
      List<String> guids = new ArrayList<>();
      for (Object o : ch.getItems()) {
        guids.add(((com.rometools.rome.feed.rss.Item) o).getGuid().getValue());
      }
      assertThat(guids).containsExactly(Fixture.entryId("ria", "r2"),
          Fixture.entryId("tass", "t1"), Fixture.entryId("kabar", "k1"));
      assertThat(rss).contains("<dc:creator>Иван Петров</dc:creator>");

      HttpResponse<byte[]> json = Http.get(base + "/feed.json?q=" + q,
          "Accept-Encoding", "gzip");
      com.fasterxml.jackson.databind.JsonNode feed = new com.fasterxml.jackson.databind
          .ObjectMapper().readTree(Http.gunzip(json.body()));
      List<String> ids = new ArrayList<>();
      feed.get("items").forEach(i -> ids.add(i.get("id").asText()));
      assertThat(ids).containsExactlyElementsOf(guids);
      assertThat(feed.get("items").get(1).get("_newswire").get("items").get(0).get("source")
          .asText()).isEqualTo("ria");
    }
  }
}
