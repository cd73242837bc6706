package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/** Each format re-read by an independent parser gives back what was stored. */
class FeedFormatsTest {
  private static Fixture fx;
  private static WebServer server;
  private static String base;

  @BeforeAll
  static void start() {
    fx = new Fixture();
    server = new WebServer(fx.db.items(), Servers.settings(), () -> Fixture.SOURCES);
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
    fx.close();
  }

  private static String body(String path) {
    HttpResponse<byte[]> r = Http.get(base + path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Http.text(r);
  }

  @Test
  void atomReadsBackThroughRome() throws Exception {
    HttpResponse<byte[]> r = Http.get(base + "/feed.atom");
    assertThat(r.headers().firstValue("Content-Type"))
        .contains("application/atom+xml; charset=utf-8");
    Feed feed = (Feed) new WireFeedInput().build(new StringReader(Http.text(r)));
    assertThat(feed.getTitle()).isEqualTo("Newswire Test");
    assertThat(feed.getId()).isEqualTo("urn:newswire:test-feed");
    // ria's r2 is newest; ria's r1 is the same story as tass's t1, seen later: not repeated.
    assertThat(feed.getEntries()).extracting(Entry::getId).containsExactly(
        Fixture.entryId("ria", "r2"), Fixture.entryId("tass", "t1"),
        Fixture.entryId("kabar", "k1"), Fixture.entryId("evil", "e1"));
    assertThat(feed.getUpdated()).isEqualTo(Date.from(Fixture.T0.plusSeconds(3600)));
    assertThat(feed.getOtherLinks()).extracting(Link::getRel).contains("self");
    Entry t1 = feed.getEntries().get(1);
    assertThat(t1.getTitle()).isEqualTo("Президент встретился с министром");
    assertThat(t1.getAlternateLinks().get(0).getHref())
        .isEqualTo(Fixture.STORY + "?utm_source=tass");
    assertThat(t1.getPublished()).isEqualTo(Date.from(Fixture.T0));
    assertThat(t1.getAuthors().get(0).getName()).isEqualTo("Иван Петров");
    assertThat(t1.getCategories()).extracting(c -> c.getTerm())
        .containsExactly("Политика", "Кремль");
    assertThat(t1.getContents().get(0).getValue())
        .isEqualTo("<p>Полный текст. <a href=\"https://story.example/more\" rel=\"noopener noreferrer\">Далее</a></p>");
    assertThat(t1.getSummary().getValue()).isEqualTo("<p>Summary of t1</p>");
    assertThat(t1.getOtherLinks()).extracting(Link::getRel, Link::getHref, Link::getTitle)
        .contains(org.assertj.core.groups.Tuple.tuple("related", Fixture.STORY + "?from=ria",
            "РИА Новости: Президент провёл встречу"), org.assertj.core.groups.Tuple.tuple("enclosure",
            "https://cdn.tass.example/photo.jpg", null));
    assertThat(t1.getOtherLinks()).filteredOn(l -> "enclosure".equals(l.getRel()))
        .singleElement().satisfies(l -> {
          assertThat(l.getType()).isEqualTo("image/jpeg");
          assertThat(l.getLength()).isEqualTo(48213L);
        });
    assertThat(t1.getSource().getTitle()).isEqualTo("ТАСС");
    assertThat(t1.getContributors().get(0).getName()).isEqualTo("РИА Новости");
    // k1 has no author of its own: the agency stands in (RFC 4287 §4.1.2).
    assertThat(feed.getEntries().get(2).getAuthors().get(0).getName()).isEqualTo("Kabar");
  }

  @Test
  void rssReadsBackThroughRome() throws Exception {
    HttpResponse<byte[]> r = Http.get(base + "/feed.rss");
    assertThat(r.headers().firstValue("Content-Type"))
        .contains("application/rss+xml; charset=utf-8");
    Channel ch = (Channel) new WireFeedInput().build(new StringReader(Http.text(r)));
    assertThat(ch.getFeedType()).isEqualTo("rss_2.0");
    assertThat(ch.getLastBuildDate()).isEqualTo(Date.from(Fixture.T0.plusSeconds(3600)));
    assertThat(ch.getItems()).extracting(i -> i.getGuid().getValue()).containsExactly(
        Fixture.entryId("ria", "r2"), Fixture.entryId("tass", "t1"),
        Fixture.entryId("kabar", "k1"), Fixture.entryId("evil", "e1"));
    Item t1 = ch.getItems().get(1);
    assertThat(t1.getGuid().isPermaLink()).isFalse();
    assertThat(t1.getTitle()).isEqualTo("Президент встретился с министром");
    assertThat(t1.getLink()).isEqualTo(Fixture.STORY + "?utm_source=tass");
    assertThat(t1.getPubDate()).isEqualTo(Date.from(Fixture.T0));
    assertThat(t1.getSource().getUrl()).isEqualTo("https://tass.example/rss");
    assertThat(t1.getSource().getValue()).isEqualTo("ТАСС");
    assertThat(t1.getCategories()).extracting(c -> c.getValue())
        .containsExactly("Политика", "Кремль");
    assertThat(t1.getEnclosures()).singleElement().satisfies(e -> {
      assertThat(e.getUrl()).isEqualTo("https://cdn.tass.example/photo.jpg");
      assertThat(e.getLength()).isEqualTo(48213L);
      assertThat(e.getType()).isEqualTo("image/jpeg");
    });
    assertThat(t1.getDescription().getValue()).isEqualTo("<p>Summary of t1</p>");
    assertThat(t1.getContent().getValue()).contains("Полный текст.");
  }

  @Test
  void jsonFeedFollowsVersion11() throws Exception {
    HttpResponse<byte[]> r = Http.get(base + "/feed.json?limit=2");
    assertThat(r.headers().firstValue("Content-Type"))
        .contains("application/feed+json; charset=utf-8");
    JsonNode f = new ObjectMapper().readTree(r.body());
    assertThat(f.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(f.get("title").asText()).isEqualTo("Newswire Test");
    assertThat(f.get("feed_url").asText()).isEqualTo(base + "/feed.json?limit=2");
    assertThat(f.get("home_page_url").asText()).isEqualTo(base + "/");
    assertThat(f.get("next_url").asText()).startsWith(base + "/feed.json?limit=2&before=");
    JsonNode t1 = f.get("items").get(1);
    assertThat(t1.get("id").asText()).isEqualTo(Fixture.entryId("tass", "t1"));
    assertThat(t1.get("url").asText()).isEqualTo(Fixture.STORY + "?utm_source=tass");
    assertThat(Instant.parse(t1.get("date_published").asText())).isEqualTo(Fixture.T0);
    assertThat(t1.get("authors").get(0).get("name").asText()).isEqualTo("Иван Петров");
    assertThat(t1.get("tags")).extracting(JsonNode::asText).containsExactly("Политика", "Кремль");
    JsonNode att = t1.get("attachments").get(0);
    assertThat(att.get("mime_type").asText()).isEqualTo("image/jpeg");
    assertThat(att.get("size_in_bytes").asLong()).isEqualTo(48213L);
    JsonNode nw = t1.get("_newswire");
    assertThat(nw.get("source").get("id").asText()).isEqualTo("tass");
    assertThat(nw.get("story").asLong()).isEqualTo(fx.story);
    assertThat(nw.get("story_url").asText()).isEqualTo(base + "/stories/" + fx.story);
    JsonNode other = nw.get("items").get(0);
    assertThat(other.get("source").asText()).isEqualTo("ria");
    assertThat(other.get("source_title").asText()).isEqualTo("РИА Новости");
    assertThat(other.get("title").asText()).isEqualTo("Президент провёл встречу");
    assertThat(other.get("url").asText()).isEqualTo(Fixture.STORY + "?from=ria");
    assertThat(Instant.parse(other.get("date_published").asText()))
        .isEqualTo(Fixture.T0.plusSeconds(60));
    assertThat(nw.get("items")).hasSize(1);
    assertThat(t1.get("content_html").asText()).startsWith("<p>Полный текст.");
    // No "author" (1.0 only), and every item has the required id.
    assertThat(t1.has("author")).isFalse();
    // The second page follows without overlap.
    JsonNode p2 = new ObjectMapper().readTree(Http.get(f.get("next_url").asText()).body());
    assertThat(p2.get("items")).extracting(i -> i.get("id").asText()).containsExactly(
        Fixture.entryId("kabar", "k1"), Fixture.entryId("evil", "e1"));
    assertThat(p2.has("next_url")).isFalse();
  }

  @Test
  void xssPayloadsComeOutInert() throws Exception {
    String atom = body("/feed.atom?source=evil");
    Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom));
    Entry e = feed.getEntries().get(0);
    // The title is plain text: no markup (readers render titles as HTML), no XML-illegal U+0001.
    assertThat(e.getTitle()).isEqualTo("& \"quotes\" end");
    assertThat(atom).doesNotContain("<script").doesNotContain("\u0001");
    assertThat(e.getAlternateLinks()).isEmpty(); // javascript: is no link
    String content = e.getContents().get(0).getValue().toLowerCase();
    String summary = e.getSummary().getValue().toLowerCase();
    for (String html : List.of(content, summary)) {
      assertThat(html).doesNotContain("<script", "onerror", "onclick", "onload",
          "javascript:", "<iframe", "<svg");
    }
    assertThat(content).contains("hi");
    for (String path : List.of("/feed.rss?source=evil", "/feed.json?source=evil", "/")) {
      String doc = body(path).toLowerCase();
      assertThat(doc).as(path).doesNotContain("javascript:", "onerror=", "<script", "<iframe");
    }
    JsonNode json = new ObjectMapper().readTree(body("/feed.json?source=evil"));
    assertThat(json.get("items").get(0).get("title").asText())
        .isEqualTo("& \"quotes\" end");
    HttpResponse<byte[]> page = Http.get(base + "/");
    assertThat(Http.text(page)).doesNotContain("script&gt;", "&lt;b&gt;").contains("Evil Agency");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'").doesNotContain("unsafe-inline")
        .doesNotContain("script-src");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void indexPageLinksTheFeeds() {
    HttpResponse<byte[]> r = Http.get(base + "/");
    assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    String html = Http.text(r);
    assertThat(html)
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
        .contains("href=\"" + base + "/feed.atom\"")
        .contains("href=\"" + base + "/feed.rss\"")
        .contains("href=\"" + base + "/feed.json\"")
        .contains("Экономика растёт третий месяц")
        .contains("Also reported by: <a href=\"" + Fixture.STORY + "?from=ria\" title=\""
            + "Президент провёл встречу\">РИА Новости</a>")
        .contains("<a href=\"" + base + "/stories/" + fx.story + "\">story</a>")
        .contains("Парламент утвердил бюджет");
  }

  @Test
  void opmlListsTheSources() throws Exception {
    HttpResponse<byte[]> r = Http.get(base + "/opml");
    assertThat(r.statusCode()).isEqualTo(200);
    var doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(r.body()));
    assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
    NodeList outlines = doc.getElementsByTagName("outline");
    assertThat(outlines.getLength()).isEqualTo(4);
    var tass = (org.w3c.dom.Element) outlines.item(0);
    assertThat(tass.getAttribute("text")).isEqualTo("ТАСС");
    assertThat(tass.getAttribute("type")).isEqualTo("rss");
    assertThat(tass.getAttribute("xmlUrl")).isEqualTo("https://tass.example/rss");
    assertThat(tass.getAttribute("category")).isEqualTo("/politics,/world");
  }
}
