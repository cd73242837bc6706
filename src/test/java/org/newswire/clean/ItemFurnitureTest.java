package org.newswire.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newswire.model.Entry;

/** Share, subscribe and teaser lines leave item content; sentences that mention them stay. */
class ItemFurnitureTest {
  private static final String BASE = "https://tass.example.ru/rss/v2.xml";

  @Test
  void agencyItemLosesItsShareSubscribeAndTeaserLines() throws IOException {
    Entry raw = Entry.builder().contentHtml(TrackingImagesTest.resource("agency-item-furniture.html"))
        .build();

    Entry e = FeedCleaner.cleanEntry(raw, BASE);

    assertThat(e.contentText()).contains(String.join("\n", List.of(
        "МОСКВА, 30 ноября. /ТАСС/. Правительство утвердило программу поддержки региональных СМИ"
            + " на 2027 год, сообщила пресс-служба кабмина.",
        "Читатели могут подписаться на бесплатную рассылку документов на портале правительства,"
            + " уточнили в ведомстве.",
        "Вице-премьер сказал, что решил поделиться с журналистами подробностями программы: на"
            + " неё направят 4,2 млрд рублей, а заявки редакций начнут принимать с 15 января.")));
    String html = e.contentHtml().orElseThrow();
    assertThat(html).doesNotContain("Поделиться ВКонтакте", "Tweet", "Подписывайтесь",
        ">Подписаться<", "Share on", "Subscribe", "Read more", "Читать далее", "<div></div>",
        "<p></p>", "<br>");
    assertThat(html).contains("заявки редакций начнут принимать с 15 января.</p>");
  }

  @Test
  void shareButtonsThatAreOnlyIconsGoTheirPicturesToo() {
    String html = "<p>Курс рубля укрепился.</p><p>Поделиться: "
        + "<a href=\"https://vk.com/share.php?url=https%3A%2F%2Fria.example%2Fa\">"
        + "<img src=\"https://ria.example/i/vk.png\" alt=\"\"></a>"
        + "<a href=\"https://t.me/share/url?url=https%3A%2F%2Fria.example%2Fa\">"
        + "<img src=\"https://ria.example/i/tg.png\" alt=\"\"></a></p>"
        + "<div class=\"feedflare\"><a href=\"http://feeds.feedburner.com/~ff/ria?a=Xy1:z\">"
        + "<img src=\"https://ria.example/i/flare.png\"></a></div>"
        + "<p><a href=\"https://ria.example/photo/1\"><img src=\"https://ria.example/p/1.jpg\">"
        + "</a></p>";

    Entry e = FeedCleaner.cleanEntry(Entry.builder().contentHtml(html).build(), BASE);

    assertThat(e.contentHtml()).contains("<p>Курс рубля укрепился.</p><p><a"
        + " href=\"https://ria.example/photo/1\" rel=\"noopener noreferrer\"><img"
        + " src=\"https://ria.example/p/1.jpg\"></a></p>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Share on Facebook | Tweet", "Subscribe", "Read more…",
      "Поделиться", "Подписаться", "Читать далее", "Читать далее →", "Подробнее »",
      "Facebook · Twitter · VK", "Подписывайтесь на наш канал в Telegram",
      "Поделиться в соцсетях", "Мы в соцсетях", "Follow us on X"})
  void furnitureLines(String line) {
    assertThat(ItemFurniture.isFurnitureLine(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Telegram", "Подписаться на рассылку можно до 1 марта в отделении почты.",
      "Share prices fell 3% on the Moscow Exchange on Monday.",
      "Президент предложил поделиться опытом с коллегами из регионов.",
      "Read more about the budget in our explainer, published on Friday."})
  void sentencesAndSingleNamesStay(String line) {
    assertThat(ItemFurniture.isFurnitureLine(line)).isFalse();
  }

  @Test
  void aLineIsJudgedByAllItsTextHoweverWidelyItIsSpacedAndLongLinesStay() {
    // Markup indented by a CMS: the line's words come after hundreds of spaces and newlines.
    String indent = " \n      ".repeat(60);
    String paragraph = ("Кабмин утвердил программу поддержки региональных СМИ на 2027 год; на неё"
        + " направят 4,2 млрд рублей, а заявки редакций начнут принимать с 15 января. ").repeat(4)
        .strip();
    String html = "<p>" + paragraph + "</p><p>" + indent + "Подписывайтесь на наш канал в Telegram"
        + indent + "</p>";

    Entry e = FeedCleaner.cleanEntry(Entry.builder().contentHtml(html).build(), BASE);

    assertThat(e.contentHtml().orElseThrow()).doesNotContain("Подписывайтесь")
        .contains("<p>" + paragraph + "</p>");
    assertThat(e.contentText()).isEqualTo(Optional.of(paragraph));
  }

  @Test
  void plainTextItemsLoseTheSameLines() {
    Entry raw = Entry.builder().contentText("Курс рубля укрепился на торгах в понедельник. Читать далее…"
        + "\nПоделиться\nSubscribe").summaryText("Курс рубля укрепился.\nRead more").build();

    Entry e = FeedCleaner.cleanEntry(raw, BASE);

    assertThat(e.contentText()).contains("Курс рубля укрепился на торгах в понедельник.");
    assertThat(e.summaryText()).isEqualTo(Optional.of("Курс рубля укрепился."));
  }
}
