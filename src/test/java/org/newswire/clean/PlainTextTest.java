package org.newswire.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainTextTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<script>alert(1)</script>Бюджет утверждён|Бюджет утверждён",
      "Заголовок <b>жирный</b>|Заголовок жирный",
      "&lt;b&gt; is text here, not markup|&lt;b&gt; is text here, not markup",
      "<!-- c --><?php x ?>Текст|Текст",
      "a < b and c > d|a < b and c > d",
      "3 <5 лет|3 <5 лет",
  })
  void tagsLeaveTextAlone(String text, String plain) {
    assertThat(PlainText.untagged(text)).isEqualTo(plain);
    assertThat(PlainText.hasTags(PlainText.untagged(text))).isFalse();
  }

  @org.junit.jupiter.api.Test
  void linesSurviveAndDeepNestingIsDefused() {
    assertThat(PlainText.untagged("первая <i>строка</i>\nвторая")).isEqualTo("первая строка\nвторая");
    String deep = "&amp;amp;amp;lt;script&amp;amp;amp;gt;x";
    assertThat(PlainText.hasTags(PlainText.untagged(HtmlSanitizer.toText(deep)))).isFalse();
  }

  @org.junit.jupiter.api.Test
  void cleaningKeepsATitleThatMentionsATagAsTextForPublishingToStrip() {
    // Stored text stays what the feed said (feedparser's reading, and what parse shows); the
    // feeds strip it on the way out (HostileSourcesTest), where readers may render it as HTML.
    assertThat(HtmlSanitizer.toLine("History of the &lt;blink&gt; tag"))
        .isEqualTo("History of the <blink> tag");
    assertThat(PlainText.untagged(HtmlSanitizer.toLine("&lt;script&gt;alert(1)&lt;/script&gt;Новость")))
        .isEqualTo("Новость");
  }
}
