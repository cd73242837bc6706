package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.model.Source;
import org.newswire.publish.Publisher;
import org.newswire.search.SearchIndex;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.Stories;
import org.newswire.store.TestDatabases;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The merged feed shows one entry per story, through real HTTP on a real database. Stories are
 * set with {@link Stories}, standing in for assignment, so these tests check the read side only.
 */
class StoryFeedsTest {
  private static final Instant T0 = Instant.parse("2024-07-03T06:00:00Z");
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final List<Source> SOURCES = List.of(
      Servers.source("kabar", "Кабар", "ru", "news"),
      Servers.source("sputnik", "Sputnik Кыргызстан", "ru", "news"),
      Servers.source("akipress", "AKIpress", "ru", "news"));

  private DbSettings settings;
  private Database db;
  private WebServer server;
  private SearchIndex index;
  private String base;
  @TempDir
  java.nio.file.Path dir;

  @BeforeEach
  void start() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    // Kabar files first; an older, unrelated AKIpress item sits below it.
    Items.poll(db.feeds(), "kabar", T0, List.of(item("kb1")
        .title("Жогорку Кенеш принял бюджет на 2025 год").link("https://kabar.example/budget")
        .published(T0).build()));
    Items.poll(db.feeds(), "akipress", T0.plusSeconds(10), List.of(item("ak0")
        .title("Погода в Бишкеке").link("https://akipress.example/weather")
        .published(T0.minusSeconds(3600)).build()));
    index = SearchIndex.open(dir.resolve("search"), db.changes(), java.time.Clock.systemUTC());
    server = new WebServer(new Publisher(db.items(), java.util.Optional.of(index),
        Servers.settings(), () -> SOURCES), Servers.settings());
    index.start();
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
    index.close();
    db.close();
    TestDatabases.drop(settings);
  }

  /**
   * The entry ids of a search once the index has followed the stored items (it is derived data,
   * a moment behind the store): waits up to 30 s for {@code expected}, then returns what the
   * search last answered.
   */
  private List<String> searched(String query, String... expected) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      HttpResponse<byte[]> r = Http.get(base + "/feed.atom?q=" + query);
      if (r.statusCode() == 200) {
        List<String> found = ids(atom(r));
        if (found.equals(List.of(expected)) || System.nanoTime() > deadline) {
          return found;
        }
      } else if (System.nanoTime() > deadline) {
        throw new AssertionError("search " + query + " answered " + r.statusCode());
      }
      Thread.sleep(100);
    }
  }

  private long id(String source, String key) {
    return Stories.itemId(db, source, key);
  }

  /** Sputnik reprints Kabar's story later, with its own title and a later date. */
  private void sputnikJoins(long story) {
    Items.poll(db.feeds(), "sputnik", T0.plusSeconds(600), List.of(item("sp1")
        .title("Парламент Кыргызстана утвердил бюджет").link("https://sputnik.example/b?x=1")
        .published(T0.plusSeconds(300)).build()));
    Stories.join(db, story, id("sputnik", "sp1"));
    server.publisher().invalidate(); // as ingest does after storing
  }

  private static Feed atom(HttpResponse<byte[]> r) throws Exception {
    assertThat(r.statusCode()).isEqualTo(200);
    return (Feed) new WireFeedInput().build(new StringReader(Http.text(r)));
  }

  private static List<String> ids(Feed f) {
    return f.getEntries().stream().map(Entry::getId).toList();
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<byte[]> r = Http.get(base + path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void anEntryKeepsItsIdAndPlaceWhenALaterAgencyJoins() throws Exception {
    long story = Stories.story(db, id("kabar", "kb1"));
    HttpResponse<byte[]> first = Http.get(base + "/feed.atom");
    Feed before = atom(first);
    String kabar = Fixture.entryId("kabar", "kb1");
    assertThat(ids(before)).containsExactly(kabar, Fixture.entryId("akipress", "ak0"));
    assertThat(before.getEntries().get(0).getOtherLinks())
        .extracting(Link::getRel).doesNotContain("related");

    sputnikJoins(story);

    HttpResponse<byte[]> second = Http.get(base + "/feed.atom",
        "If-None-Match", first.headers().firstValue("ETag").orElseThrow());
    Feed after = atom(second); // 200: the entry changed, so the old ETag does not match
    assertThat(ids(after)).containsExactly(kabar, Fixture.entryId("akipress", "ak0"));
    Entry e = after.getEntries().get(0);
    assertThat(e.getTitle()).isEqualTo("Жогорку Кенеш принял бюджет на 2025 год");
    assertThat(e.getPublished()).isEqualTo(Date.from(T0));
    assertThat(e.getUpdated()).isEqualTo(before.getEntries().get(0).getUpdated());
    assertThat(e.getOtherLinks()).extracting(Link::getRel, Link::getHref, Link::getTitle)
        .containsExactly(Tuple.tuple("related", "https://sputnik.example/b?x=1",
            "Sputnik Кыргызстан: Парламент Кыргызстана утвердил бюджет"));
    assertThat(e.getContributors()).extracting(p -> p.getName())
        .containsExactly("Sputnik Кыргызстан");
    assertThat(e.getSource().getTitle()).isEqualTo("Кабар");
    // A client that validates by date alone sees the change too: Last-Modified moved to
    // when Sputnik's report was stored.
    assertThat(second.headers().firstValue("Last-Modified"))
        .contains("Wed, 03 Jul 2024 06:10:00 GMT");
    HttpResponse<byte[]> byDate = Http.get(base + "/feed.atom", "If-Modified-Since",
        first.headers().firstValue("Last-Modified").orElseThrow());
    assertThat(byDate.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> same = Http.get(base + "/feed.atom",
        "If-None-Match", second.headers().firstValue("ETag").orElseThrow());
    assertThat(same.statusCode()).isEqualTo(304);

    // Paging one entry at a time: each story once, none twice.
    List<String> paged = new ArrayList<>();
    String next = base + "/feed.atom?limit=1";
    while (next != null) {
      Feed page = atom(Http.get(next));
      paged.addAll(ids(page));
      next = page.getOtherLinks().stream().filter(l -> "next".equals(l.getRel()))
          .map(Link::getHref).findFirst().orElse(null);
    }
    assertThat(paged).containsExactly(kabar, Fixture.entryId("akipress", "ak0"));
  }

  @Test
  void groupNoneAndPerSourceFeedsServeEveryItem() throws Exception {
    long story = Stories.story(db, id("kabar", "kb1"));
    sputnikJoins(story);
    // Kabar files an update of its own story: per-source feeds keep both of its items.
    Items.poll(db.feeds(), "kabar", T0.plusSeconds(900), List.of(item("kb2")
        .title("Бюджет подписан президентом").link("https://kabar.example/budget-signed")
        .published(T0.plusSeconds(900)).build()));
    Stories.join(db, story, id("kabar", "kb2"));
    server.publisher().invalidate();
    String kb1 = Fixture.entryId("kabar", "kb1");
    String kb2 = Fixture.entryId("kabar", "kb2");
    String sp1 = Fixture.entryId("sputnik", "sp1");
    String ak0 = Fixture.entryId("akipress", "ak0");

    assertThat(ids(atom(Http.get(base + "/feed.atom")))).containsExactly(kb1, ak0);
    assertThat(ids(atom(Http.get(base + "/feed.atom?group=story")))).containsExactly(kb1, ak0);
    assertThat(ids(atom(Http.get(base + "/feed.atom?group=none"))))
        .containsExactly(kb2, sp1, kb1, ak0);
    assertThat(ids(atom(Http.get(base + "/sources/kabar/feed.atom")))).containsExactly(kb2, kb1);
    assertThat(ids(atom(Http.get(base + "/feed.atom?source=kabar,sputnik"))))
        .containsExactly(kb2, sp1, kb1);
    // Ungrouped, each item still lists its story's other reports.
    JsonNode none = json("/feed.json?group=none&limit=2");
    assertThat(none.get("next_url").asText()).contains("group=none");
    JsonNode spItem = none.get("items").get(1);
    assertThat(spItem.get("id").asText()).isEqualTo(sp1);
    assertThat(spItem.get("_newswire").get("items")).extracting(i -> i.get("source").asText())
        .containsExactly("kabar", "kabar");
    assertThat(json(none.get("next_url").asText().substring(base.length())).get("items"))
        .extracting(i -> i.get("id").asText()).containsExactly(kb1, ak0);
    assertThat(Http.get(base + "/feed.atom?group=agency").statusCode()).isEqualTo(400);
    assertThat(Http.text(Http.get(base + "/feed.atom?group=agency")))
        .isEqualTo("group: 'agency' is not 'story' or 'none'\n");
  }

  @Test
  void aSearchShowsEachStoryOnce() throws Exception {
    long story = Stories.story(db, id("kabar", "kb1"));
    sputnikJoins(story);
    String kb1 = Fixture.entryId("kabar", "kb1");
    String sp1 = Fixture.entryId("sputnik", "sp1");
    assertThat(searched("бюджет", kb1)).containsExactly(kb1);
    assertThat(searched("бюджет&group=none", sp1, kb1)).containsExactly(sp1, kb1);
  }

  @Test
  void everyFormatListsTheOtherReports() throws Exception {
    long story = Stories.story(db, id("kabar", "kb1"));
    sputnikJoins(story);
    JsonNode entry = json("/feed.json").get("items").get(0);
    JsonNode nw = entry.get("_newswire");
    assertThat(nw.get("story").asLong()).isEqualTo(story);
    assertThat(nw.get("story_url").asText()).isEqualTo(base + "/stories/" + story);
    assertThat(nw.get("items")).singleElement().satisfies(i -> {
      assertThat(i.get("source").asText()).isEqualTo("sputnik");
      assertThat(i.get("source_title").asText()).isEqualTo("Sputnik Кыргызстан");
      assertThat(i.get("url").asText()).isEqualTo("https://sputnik.example/b?x=1");
      assertThat(i.get("title").asText()).isEqualTo("Парламент Кыргызстана утвердил бюджет");
      assertThat(i.get("date_published").asText()).isEqualTo("2024-07-03T06:05:00Z");
    });

    HttpResponse<byte[]> rss = Http.get(base + "/feed.rss");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element item = (Element) f.newDocumentBuilder().parse(new ByteArrayInputStream(rss.body()))
        .getElementsByTagName("item").item(0);
    Element source = (Element) item.getElementsByTagName("source").item(0);
    assertThat(source.getAttribute("url")).isEqualTo("https://kabar.example/rss");
    assertThat(source.getTextContent()).isEqualTo("Кабар");
    NodeList links = item.getElementsByTagNameNS(ATOM, "link");
    assertThat(links.getLength()).isEqualTo(1);
    Element related = (Element) links.item(0);
    assertThat(related.getAttribute("rel")).isEqualTo("related");
    assertThat(related.getAttribute("href")).isEqualTo("https://sputnik.example/b?x=1");
    assertThat(related.getAttribute("title"))
        .isEqualTo("Sputnik Кыргызстан: Парламент Кыргызстана утвердил бюджет");
    assertThat(item.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "contributor")
        .item(0).getTextContent()).isEqualTo("Sputnik Кыргызстан");

    String html = Http.text(Http.get(base + "/"));
    assertThat(html).contains("Also reported by: <a href=\"https://sputnik.example/b?x=1\""
            + " title=\"Парламент Кыргызстана утвердил бюджет\">Sputnik Кыргызстан</a>")
        .contains("<a href=\"" + base + "/stories/" + story + "\">story</a>");
  }

  @Test
  void itemsPlacedApartAreShownEachOnItsOwnEvenWithOneCanonicalUrl() throws Exception {
    // Stored without story evidence: each item starts a story of its own, and a shared
    // canonical URL alone no longer merges them.
    Items.poll(db.feeds(), "sputnik", T0.plusSeconds(600), List.of(item("sp1")
        .title("Парламент Кыргызстана утвердил бюджет").link("https://kabar.example/budget")
        .canonical("https://kabar.example/budget").published(T0.plusSeconds(300)).build()));
    String kb1 = Fixture.entryId("kabar", "kb1");
    String sp1 = Fixture.entryId("sputnik", "sp1");
    assertThat(ids(atom(Http.get(base + "/feed.atom"))))
        .containsExactly(sp1, kb1, Fixture.entryId("akipress", "ak0"));
    JsonNode nw = json("/feed.json").get("items").get(0).get("_newswire");
    assertThat(nw.get("story").asLong()).isNotEqualTo(
        json("/feed.json").get("items").get(1).get("_newswire").get("story").asLong());
    assertThat(nw.get("items")).isEmpty();
    assertThat(searched("бюджет", sp1, kb1)).containsExactly(sp1, kb1);
  }

  @Test
  void theStoryPagesListEveryReport() throws Exception {
    long story = Stories.story(db, id("kabar", "kb1"));
    HttpResponse<byte[]> before = Http.get(base + "/stories/" + story + ".json");
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(new ObjectMapper().readTree(before.body()).get("items")).hasSize(1);
    sputnikJoins(story);

    HttpResponse<byte[]> r = Http.get(base + "/stories/" + story + ".json");
    assertThat(r.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
    JsonNode s = new ObjectMapper().readTree(r.body());
    assertThat(s.get("id").asLong()).isEqualTo(story);
    assertThat(s.get("url").asText()).isEqualTo(base + "/stories/" + story);
    assertThat(s.get("title").asText()).isEqualTo("Жогорку Кенеш принял бюджет на 2025 год");
    assertThat(s.get("first_seen").asText()).isEqualTo("2024-07-03T06:00:00Z");
    assertThat(s.get("more_items").asBoolean()).isFalse();
    assertThat(s.get("items")).extracting(i -> i.get("id").asText(),
        i -> i.get("source").asText(), i -> i.get("title").asText(),
        i -> i.get("url").asText(), i -> i.get("date_published").asText(),
        i -> i.get("first_seen").asText()).containsExactly(
        Tuple.tuple(Fixture.entryId("kabar", "kb1"), "kabar",
            "Жогорку Кенеш принял бюджет на 2025 год", "https://kabar.example/budget",
            "2024-07-03T06:00:00Z", "2024-07-03T06:00:00Z"),
        Tuple.tuple(Fixture.entryId("sputnik", "sp1"), "sputnik",
            "Парламент Кыргызстана утвердил бюджет", "https://sputnik.example/b?x=1",
            "2024-07-03T06:05:00Z", "2024-07-03T06:10:00Z"));
    assertThat(r.headers().firstValue("Last-Modified")).contains("Wed, 03 Jul 2024 06:10:00 GMT");
    assertThat(Http.get(base + "/stories/" + story + ".json", "If-None-Match",
        r.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);

    HttpResponse<byte[]> page = Http.get(base + "/stories/" + story);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(Http.text(page))
        .contains("<h1>Жогорку Кенеш принял бюджет на 2025 год</h1>")
        .contains("2 reports")
        .contains("<a href=\"https://sputnik.example/b?x=1\">Парламент Кыргызстана утвердил"
            + " бюджет</a>\n<div class=\"meta\">Sputnik Кыргызстан · published")
        .contains("<a href=\"https://kabar.example/budget\">Жогорку Кенеш")
        .contains("href=\"" + base + "/stories/" + story + ".json\"");
    assertThat(Http.send("HEAD", base + "/stories/" + story).statusCode()).isEqualTo(200);
  }

  @Test
  void aHostileReportIsInertOnTheStoryPages() throws Exception {
    Items.poll(db.feeds(), "akipress", T0.plusSeconds(700), List.of(item("ak1")
        .title("<script>alert(1)</script>Бюджет \"принят\"").link("javascript:alert(2)")
        .published(T0.plusSeconds(700)).build()));
    long story = Stories.story(db, id("kabar", "kb1"), id("akipress", "ak1"));
    server.publisher().invalidate();
    String page = Http.text(Http.get(base + "/stories/" + story));
    String index = Http.text(Http.get(base + "/"));
    for (String html : List.of(page, index)) {
      assertThat(html).doesNotContain("<script", "javascript:", "alert(1)");
    }
    assertThat(page).contains("Бюджет &quot;принят&quot;\n<div class=\"meta\">AKIpress");
    assertThat(index).contains("Also reported by: AKIpress</div>"); // no link to follow
    JsonNode items = json("/stories/" + story + ".json").get("items");
    assertThat(items.get(1).get("title").asText()).isEqualTo("Бюджет \"принят\"");
    assertThat(items.get(1).has("url")).isFalse();
  }

  @Test
  void unknownStoriesAre404AndMalformedIds400() {
    long story = Stories.story(db, id("kabar", "kb1"));
    for (String path : List.of("/stories/" + (story + 1000), "/stories/" + (story + 1000)
        + ".json")) {
      HttpResponse<byte[]> r = Http.get(base + path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(Http.text(r)).isEqualTo("no story " + (story + 1000) + "\n");
    }
    for (String bad : List.of("abc", "0", "-1", "12.xml", "012", "99999999999999999999",
        "1.json.json", "1%20")) {
      HttpResponse<byte[]> r = Http.get(base + "/stories/" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(Http.text(r)).as(bad).contains("is not a story id");
    }
    assertThat(Http.get(base + "/stories/1/items").statusCode()).isEqualTo(404);
    assertThat(Http.send("POST", base + "/stories/" + story).statusCode()).isEqualTo(405);
  }
}
