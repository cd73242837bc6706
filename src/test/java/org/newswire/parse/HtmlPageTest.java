package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** An HTML page where a feed was expected: said so, with the feeds the page advertises. */
class HtmlPageTest {
  private static final String HOME = """
      <!DOCTYPE html>
      <html lang="ru"><head><meta charset="windows-1251">
      <title>Кабар — новости Кыргызстана</title>
      <link rel="stylesheet" href="/css/site.css">
      <link rel="alternate" type="application/rss+xml" title="Кабар: все новости" href="/rss/">
      <link rel="alternate" type="application/atom+xml" href="https://kabar.kg/ru/atom.xml">
      <link rel="alternate" hreflang="en" href="https://kabar.kg/en/">
      </head><body><nav><a href="/">Главная</a></nav><p>Новости&nbsp;дня</p></body></html>
      """;

  private static String reason(String html, String url) {
    ParseResult r = new FeedParser().parse(html.getBytes(Charset.forName("windows-1251")),
        Fixtures.ctx("text/html; charset=windows-1251", url));
    assertThat(r).isInstanceOf(ParseResult.Unreadable.class);
    return ((ParseResult.Unreadable) r).reason();
  }

  @Test
  void namesTheFeedsThePageAdvertisesAsAbsoluteUrls() {
    assertThat(reason(HOME, "https://kabar.kg/ru/"))
        .startsWith("an HTML page came back, not a feed; the page advertises these feeds: ")
        .contains("https://kabar.kg/rss/ (application/rss+xml), "
            + "https://kabar.kg/ru/atom.xml (application/atom+xml)")
        .doesNotContain("/en/").doesNotContain("site.css").doesNotContain("Invalid document");
  }

  @Test
  void aPageWithoutFeedLinksIsStillCalledAnHtmlPage() {
    String page = "<html><head><title>Login</title></head><body><form>…</form></body></html>";
    assertThat(reason(page, "https://kabar.kg/login"))
        .startsWith("an HTML page came back, not a feed, and it advertises no feed");
  }

  @Test
  void xmlThatIsNoHtmlKeepsTheParsersReason() {
    assertThat(Fixtures.unreadable("<catalog><book>Война и мир</book></catalog>"))
        .startsWith("not a feed: ").doesNotContain("HTML page");
  }
}
