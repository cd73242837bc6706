package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.newswire.model.ParsedFeed;

/**
 * Documents nested beyond {@link DepthLimit#MAX_DEPTH} are refused with one clear line, at a
 * cost linear in their size: a regression to JDOM's quadratic ancestor checks would make the
 * 200,000-level test take minutes (no time is asserted; the suite's duration shows it).
 */
class NestingDepthTest {

  @Test
  void xmlNested200000DeepIsRefusedWithTheLineWhereTheLimitWasPassed() {
    int depth = 200_000;
    StringBuilder xml = new StringBuilder(depth * 12)
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n")
        .append("<title>Лента</title>\n<item><title>Глубоко</title>\n");
    xml.append("<x>".repeat(depth)).append("текст").append("</x>".repeat(depth));
    xml.append("</item></channel></rss>\n");

    String reason = Fixtures.unreadable(xml.toString());

    assertThat(reason).isEqualTo("not a feed: XML nested deeper than " + DepthLimit.MAX_DEPTH
        + " levels at line 5");
  }

  @Test
  void malformedAndDeepXmlGoesToTheLenientReadingWhichCapsTheDepth() {
    // Not well-formed before the limit is reached (a stray end tag), so the repairs run: the
    // tag-soup reading closes what it must and hands the strict parser a bounded tree.
    String xml = "<rss version=\"2.0\"><channel></item><item><title>Глубоко</title><description>"
        + "<p>".repeat(50_000) + "</description></item></channel></rss>";

    ParsedFeed f = Fixtures.parsed(xml);

    assertThat(f.entries()).singleElement()
        .satisfies(e -> assertThat(e.title()).contains("Глубоко"));
  }

  @Test
  void moderatelyNestedAtomXhtmlStillParses() {
    int depth = 300; // deep for a feed, within the limit with room for feed/entry/content
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Kazinform</title>"
        + "<id>urn:kz:feed</id><updated>2021-07-03T04:15:00Z</updated>"
        + "<entry><title>Вложенная вёрстка</title><id>urn:kz:1</id>"
        + "<link href=\"https://kazinform.example.kz/1\"/><updated>2021-07-03T04:15:00Z</updated>"
        + "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
        + "<div>".repeat(depth) + "Текст статьи" + "</div>".repeat(depth)
        + "</div></content></entry></feed>";

    ParsedFeed f = Fixtures.parsed(xml);

    assertThat(f.entries()).singleElement().satisfies(e -> {
      assertThat(e.title()).contains("Вложенная вёрстка");
      assertThat(e.contentHtml()).hasValueSatisfying(h -> assertThat(h).contains("Текст статьи"));
    });
  }

  @Test
  void jsonNestedBeyondTheLimitIsRefusedWithAClearLine() {
    int depth = 100_000;
    String json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"ТАСС\",\n"
        + "\"items\":[{\"id\":\"1\",\"title\":\"x\",\"_ext\":" + "[".repeat(depth)
        + "]".repeat(depth) + "}]}";

    String reason = new FeedParser().parse(json.getBytes(StandardCharsets.UTF_8),
        Fixtures.ctx("application/feed+json", null)) instanceof ParseResult.Unreadable u
        ? u.reason() : "parsed";

    assertThat(reason).startsWith("not a feed: JSON over a reading limit at line 2: ")
        .contains("nesting depth").contains(String.valueOf(DepthLimit.MAX_DEPTH));
  }

  @Test
  void jsonFeedWithExtensionsWithinTheLimitStillParses() {
    String json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"ТАСС\","
        + "\"items\":[{\"id\":\"1\",\"title\":\"Новость\",\"_ext\":" + "[".repeat(100)
        + "]".repeat(100) + "}]}";

    ParsedFeed f = Fixtures.parsed(json.getBytes(StandardCharsets.UTF_8),
        Fixtures.ctx("application/feed+json", null));

    assertThat(f.entries()).singleElement()
        .satisfies(e -> assertThat(e.title()).contains("Новость"));
  }
}
