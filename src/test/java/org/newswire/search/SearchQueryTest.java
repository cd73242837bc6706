package org.newswire.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The readers' query syntax: what it accepts, and the one-line reason for what it refuses. */
class SearchQueryTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ''                                    | q: no words to search for
      '   '                                 | q: no words to search for
      '— !!! ,'                             | q: no words to search for
      '"выборы в Бишкеке'                   | q: a quote opened at character 1 is not closed
      'мэр "выборы'                         | q: a quote opened at character 5 is not closed
      -выборы                               | q: only excluded words; give at least one word to find
      '-выборы -"мэр города"'               | q: only excluded words; give at least one word to find
      OR выборы                             | q: OR needs a word on each side
      выборы OR                             | q: OR needs a word on each side
      выборы OR OR мэр                      | q: OR needs a word on each side
      выборы OR -мэр                        | q: a word after OR cannot be excluded
      вы*боры                               | q: '*' may only end a word ('вы*боры')
      *                                     | q: nothing to search for in '*'
      б*                                    | q: a prefix needs 2 or more letters of one word before '*' ('б*')
      а1 а2 а3 а4 а5 а6 а7 а8 а9 а10 а11 а12 а13 | q: more than 12 words
      аб* вг* де* жз*                       | q: more than 3 prefixes (word*)
      """)
  void malformedQueriesSayWhy(String q, String reason) {
    assertThat(SearchQuery.parse(q)).isEqualTo(new SearchQuery.Malformed(reason));
  }

  @Test
  void tooLongIsRefusedBeforeAnythingElse() {
    String q = "выборы ".repeat(40);
    assertThat(SearchQuery.parse(q))
        .isEqualTo(new SearchQuery.Malformed("q: longer than 200 characters"));
  }

  @Test
  void wordsPhrasesPrefixesExclusionsAndOr() {
    SearchQuery q = valid("Бишкек \"мэр города\" выбор* -погода Кыргызстан OR Казахстан OR KZ");
    assertThat(q.required()).containsExactly(
        new SearchQuery.Group(List.of(new SearchQuery.Clause("Бишкек", false))),
        new SearchQuery.Group(List.of(new SearchQuery.Clause("мэр города", false))),
        new SearchQuery.Group(List.of(new SearchQuery.Clause("выбор", true))),
        new SearchQuery.Group(List.of(new SearchQuery.Clause("Кыргызстан", false),
            new SearchQuery.Clause("Казахстан", false), new SearchQuery.Clause("KZ", false))));
    assertThat(q.excluded()).containsExactly(new SearchQuery.Clause("погода", false));
  }

  @Test
  void fieldsWildcardsAndFuzzyAreOnlyPunctuation() {
    // Lucene's own syntax means nothing here: "title:x" is two words, "~2" and "?" drop out.
    SearchQuery q = valid("title:Бишкек мэр~2 (выборы) ^3");
    assertThat(q.required()).extracting(g -> g.anyOf().get(0).text())
        .containsExactly("title:Бишкек", "мэр~2", "(выборы)", "^3");
    assertThat(Terms.analyze("title:Бишкек мэр~2 (выборы)"))
        .containsExactly("titl", "бишкек", "мэр", "2", "выбор");
    assertThat(Terms.analyze("в г.Бишкеке")).containsExactly("в", "г", "бишкек");
  }

  @Test
  void aDashInsideAWordIsNotAnExclusion() {
    SearchQuery q = valid("Нур-Султан - встреча");
    assertThat(q.excluded()).isEmpty();
    assertThat(q.required()).hasSize(2);
  }

  @Test
  void analysisFoldsCaseYoAndInflection() {
    assertThat(Terms.analyze("Бишкек Бишкеке Бишкека БИШКЕКОМ"))
        .containsOnly("бишкек");
    assertThat(Terms.analyze("Кыргызстан Кыргызстана Кыргызстане")).containsOnly("кыргызстан");
    assertThat(Terms.analyze("выборы выборов выборах")).containsOnly("выбор");
    assertThat(Terms.analyze("ёлка Ёлке елка")).containsOnly("елк");
    assertThat(Terms.analyze("Казахстан Казахстана Ирана Иран")).containsExactly("казахстан",
        "казахстан", "иран", "иран");
    assertThat(Terms.analyze("elections election elected")).containsOnly("elect");
    assertThat(Terms.analyze("protests protesting protested")).containsOnly("protest");
  }

  private static SearchQuery valid(String q) {
    SearchQuery.Parsed p = SearchQuery.parse(q);
    assertThat(p).isInstanceOf(SearchQuery.Valid.class);
    return ((SearchQuery.Valid) p).query();
  }
}
