package org.newswire.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswire.model.Entry;

class TeasersTest {
  private static final String LONG =
      "Министр иностранных дел провел встречу с послом, стороны обсудили сотрудничество. ".repeat(10);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "long article ending in a full stop | | true",
    "ellipsis | … | false",
    "three dots | ... | false",
    "Читать далее | Читать далее | false",
    "Читать далее » | Читать далее » | false",
    "Подробнее → | Подробнее → | false",
    "Read more | Read more | false",
    "Continue reading... | Continue reading... | false",
    "[…] | […] | false",
  })
  void longTextWithoutTeaserEndingIsFull(String name, String ending, boolean full) {
    String text = LONG + (ending == null ? "" : ending);
    Entry e = Entry.builder().contentHtml("<p>" + text + "</p>").build();
    assertThat(ArticleExtractor.feedHasFullText(e)).isEqualTo(full);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "one sentence | Министр провел встречу с послом Казахстана.",
    "two sentences | Министр провел встречу. Стороны обсудили сотрудничество в энергетике.",
  })
  void shortTextIsATeaser(String name, String text) {
    Entry e = Entry.builder().contentText(text).build();
    assertThat(ArticleExtractor.feedHasFullText(e)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void entryWithoutContentIsNoFullText() {
    Entry e = Entry.builder().title("Заголовок").summaryText(LONG).build();
    assertThat(ArticleExtractor.feedHasFullText(e)).isFalse();
  }
}
