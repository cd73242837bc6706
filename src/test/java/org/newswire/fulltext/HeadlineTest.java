package org.newswire.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HeadlineTest {
  private final Headline headline =
      Headline.of("НР::: Сошел с рельсов вагон состава с углем / 06.01.12 / Дальний Восток", "");

  @Test
  void headingWhoseWordsAreInTheTitleMatchesDespiteItsDate() {
    Element h1 = new Element("h1").text("Сошел с рельсов вагон состава с углем 06.01.12 08:49");
    assertThat(headline.matches(h1)).isTrue();
  }

  @Test
  void otherHeadingsAndNonHeadingsDoNotMatch() {
    assertThat(headline.matches(new Element("h2").text("Самое читаемое за неделю в регионе")))
        .isFalse();
    assertThat(headline.matches(new Element("p").text("Сошел с рельсов вагон состава с углем")))
        .isFalse();
    assertThat(headline.matches(new Element("h1").text("Вагон углем"))).isFalse(); // too few words
  }

  @Test
  void noTitleNoHeadline() {
    assertThat(Headline.of("", "").matches(new Element("h1").text("Сошел с рельсов вагон")))
        .isFalse();
  }
}
