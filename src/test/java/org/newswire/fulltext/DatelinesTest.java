package org.newswire.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswire.fulltext.Article.Dateline;

class DatelinesTest {
  private static final LocalDate TODAY = LocalDate.of(2021, 7, 5);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    "Бишкек, 03.07.21. /Кабар/. Министр иностранных дел провел встречу | Бишкек | 2021-07-03 | Кабар",
    "BAKU, July 2 (Trend) - Azerbaijan and Turkmenistan signed | BAKU | 2021-07-02 | Trend",
    "МОСКВА, 2 июл — РИА Новости. Президент России подписал закон | МОСКВА | 2021-07-02 | РИА Новости",
    "АСТАНА. 3 июля. КАЗИНФОРМ - Глава государства принял министра | АСТАНА | 2021-07-03 | КАЗИНФОРМ",
    "ТАШКЕНТ, 1 июля 2020 г. /Podrobno.uz/. Курс доллара вырос | ТАШКЕНТ | 2020-07-01 | Podrobno.uz",
    "Нур-Султан, 30 июня (Kazakhstan Today) - Сенат одобрил закон | Нур-Султан | 2021-06-30 | Kazakhstan Today",
    "LONDON (Reuters) - Britain's economy grew | LONDON | - | Reuters",
    "MOSCOW, Dec 30 (Reuters) - A year-end | MOSCOW | 2020-12-30 | Reuters",
    "Санкт-Петербург, 4 июля. /ТАСС/. В городе открылся | Санкт-Петербург | 2021-07-04 | ТАСС",
  })
  void parsesAgencyDatelines(String text, String place, String date, String agency) {
    assertThat(Datelines.find(text, TODAY)).contains(new Dateline(place,
        Optional.ofNullable(date).map(LocalDate::parse), Optional.ofNullable(agency)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "Министр иностранных дел Кыргызстана (МИД) провел встречу",
    "В Бишкеке 3 июля прошел фестиваль",
    "Президент заявил, что 2 июля — важная дата.",
    "Nothing happened in London (Reuters reports) yesterday",
  })
  void ordinarySentencesAreNoDatelines(String text) {
    assertThat(Datelines.find(text, TODAY)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void datelineMayFollowATitleLine() {
    String text = "Заголовок новости\nМОСКВА, 2 июл — РИА Новости. Текст.";
    assertThat(Datelines.find(text, TODAY)).map(Dateline::place).contains("МОСКВА");
  }
}
