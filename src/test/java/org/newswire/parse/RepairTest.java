package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newswire.model.Entry;
import org.newswire.model.ParsedFeed;

/** Ill-formed feeds as agencies publish them are repaired, not rejected. */
class RepairTest {
  private static final String ITEM = "<item><title>T</title><link>http://a.example/1</link></item>";

  private static String rss(String channelBody) {
    return "<rss version=\"2.0\"><channel><title>Feed</title>" + channelBody + "</channel></rss>";
  }

  @Test
  void junkBeforeAndAfterTheRoot() {
    ParsedFeed f = Fixtures.parsed("\n\n<b>Warning</b>: PHP notice in x.php on line 3\n"
        + "<?xml version=\"1.0\"?>" + rss(ITEM) + "\n<!-- cache 0.2s --><div>trailing</div>");
    assertThat(f.entries()).hasSize(1);
  }

  @Test
  void junkBeforeARootWithoutProlog() {
    ParsedFeed f = Fixtures.parsed("Notice: undefined index\n" + rss(ITEM));
    assertThat(f.feed().title()).contains("Feed");
  }

  @Test
  void xmlIllegalControlCharacters() {
    ParsedFeed f = Fixtures.parsed(rss("<item><title>Bad\u0001 char\u000b here&#1;</title></item>"));
    assertThat(f.entries().get(0).title()).contains("Bad char here");
  }

  @Test
  void htmlNamedEntitiesAndBareAmpersands() {
    ParsedFeed f = Fixtures.parsed(rss(
        "<item><title>&laquo;Рога &amp; копыта&raquo;&nbsp;&mdash; AT&T &unknown; Q&A</title></item>"));
    assertThat(f.entries().get(0).title())
        .contains("«Рога & копыта»\u00a0— AT&T &unknown; Q&A");
  }

  @Test
  void undeclaredYandexPrefixAndFullText() {
    ParsedFeed f = Fixtures.parsed("<rss version=\"2.0\"><channel><title>Y</title><item>"
        + "<title>T</title><yandex:full-text>Полный текст статьи</yandex:full-text>"
        + "<dc:creator>Автор</dc:creator></item></channel></rss>");
    Entry e = f.entries().get(0);
    assertThat(e.contentHtml()).contains("Полный текст статьи");
    assertThat(e.author()).contains("Автор");
  }

  @Test
  void unclosedHtmlInsideDescription() {
    ParsedFeed f = Fixtures.parsed(rss("<item><title>T</title>"
        + "<description><p>First <b>bold<br> line</description></item>"));
    assertThat(f.entries().get(0).summaryHtml().orElseThrow()).contains("<b>bold<br>");
  }

  @Test
  void mismatchedTagsFallBackToTagSoup() {
    ParsedFeed f = Fixtures.parsed(rss("<item><title>One</title><link>http://a.example/1</link>"
        + "</item><item><title>Two</item>"));
    assertThat(f.entries()).extracting(e -> e.title().orElse("")).contains("One");
  }

  @Test
  void rssWithoutVersionOrChannel() {
    ParsedFeed f = Fixtures.parsed("<rss><title>No channel</title>" + ITEM + "</rss>");
    assertThat(f.feed().title()).contains("No channel");
    assertThat(f.entries()).hasSize(1);
  }

  @Test
  void hopelessInputIsUnreadableWithOneLineReason() {
    String reason = Fixtures.unreadable("this is not a feed at all");
    assertThat(reason).doesNotContain("\n").isNotBlank();
    assertThat(Fixtures.unreadable("{\"not\": \"a feed\"}")).contains("JSON Feed");
    assertThat(Fixtures.unreadable("<html><body>Not found</body></html>")).isNotBlank();
  }
}
