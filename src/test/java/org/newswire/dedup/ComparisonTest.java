package org.newswire.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Comparison#of} turns most candidates away before measuring them in full; it must
 * decide exactly as the full measurement does. Pairs are built at random from agency-style
 * sentences and headline words: reprints with a dateline and footer, excerpts, leads rewritten
 * in part, headlines sharing some words and numbers, and unrelated items.
 */
class ComparisonTest {
  private static final Instant T0 = Instant.parse("2024-07-03T06:00:00Z");
  private final StoryMatcher matcher = new StoryMatcher();

  private static final List<String> RU = List.of(
      "Правительство Кыргызстана утвердило программу строительства 12 новых школ в Ошской и"
          + " Джалал-Абадской областях до конца 2025 года.",
      "Стоимость программы оценивается в 3,4 миллиарда сомов, средства выделят из"
          + " республиканского бюджета.",
      "Министр образования отметила, что в регионах не хватает более 40 тысяч ученических мест.",
      "В Оше в среду открыли после ремонта мост через реку Ак-Буура, закрытый с марта.",
      "Подрядчик заменил две опоры и полностью обновил дорожное полотно моста.",
      "По словам вице-мэра Алмаза Токтогулова, по мосту ежедневно проезжают 12 тысяч автомобилей.",
      "В Нарынской области за лето пробурят 14 скважин для сел без питьевой воды.",
      "Проект финансирует Азиатский банк развития, сумма гранта составляет 6,5 миллиона долларов.",
      "Национальный банк сохранил учетную ставку на уровне 9 процентов годовых.",
      "Инфляция в республике по итогам июня замедлилась до 5,1 процента.",
      "Президент Садыр Жапаров подписал указ о помиловании 12 осужденных.",
      "Сборная Кыргызстана по футболу сыграет с командой Таджикистана в Бишкеке.",
      "Синоптики прогнозируют в столице до 38 градусов жары на выходных.",
      "Пресс-служба мэрии сообщила, что ремонт дорог продлится до конца сентября.");
  private static final List<String> EN = List.of(
      "Kyrgyzstan's government approved a programme to build 12 new schools in the south by the"
          + " end of 2025.",
      "The programme is estimated at 3.4 billion soms from the national budget and a loan.",
      "The education minister said the regions lack more than 40,000 school places.",
      "A bridge over the Ak-Buura river reopened in Osh on Wednesday after repairs.",
      "The central bank kept its key rate at 9 percent, citing slowing inflation.",
      "Inflation slowed to 5.1 percent in June, the statistics committee said.",
      "President Sadyr Japarov signed a decree pardoning 12 convicts.",
      "Forecasters expect temperatures of up to 38 degrees in the capital this weekend.");
  private static final List<String> RU_WORDS = List.of("Кыргызстан", "построит", "школы", "мост",
      "Оше", "открыли", "скважины", "Нарыне", "Нацбанк", "ставку", "сохранил", "инфляция",
      "замедлилась", "Жапаров", "помиловал", "осужденных", "сборная", "сыграет", "жара", "12",
      "14", "9", "в", "на", "после", "ремонта", "Бишкеке", "не");
  private static final List<String> EN_WORDS = List.of("Kyrgyzstan", "builds", "schools",
      "bridge", "Osh", "reopens", "central", "bank", "holds", "rate", "inflation", "slows",
      "Japarov", "pardons", "convicts", "heat", "12", "9", "in", "after", "repairs", "not");

  private record Item(String title, List<String> lines, String lang, Instant published) {}

  private static Item random(SplittableRandom r) {
    boolean ru = r.nextInt(4) > 0;
    List<String> pool = ru ? RU : EN;
    List<String> words = ru ? RU_WORDS : EN_WORDS;
    List<String> lines = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      lines.add(pool.get(r.nextInt(pool.size())));
    }
    return new Item(title(r, words, 3 + r.nextInt(6)), lines, ru ? "ru" : "en",
        T0.plus(Duration.ofMinutes(r.nextInt(4 * 24 * 60))));
  }

  private static String title(SplittableRandom r, List<String> words, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(words.get(r.nextInt(words.size())));
    }
    return b.toString();
  }

  /** Another outlet's take on {@code a}: one of the ways agencies copy and rewrite. */
  private static Item variant(SplittableRandom r, Item a) {
    List<String> words = a.lang().equals("ru") ? RU_WORDS : EN_WORDS;
    List<String> pool = a.lang().equals("ru") ? RU : EN;
    List<String> lines = new ArrayList<>(a.lines());
    String title = a.title();
    switch (r.nextInt(5)) {
      case 0 -> { // reprint: dateline, credit line, footer
        lines.set(0, "БИШКЕК, 3 июл — Sputnik. " + lines.get(0));
        lines.add("При использовании материалов ссылка обязательна.");
        title = title(r, words, 4);
      }
      case 1 -> lines.subList(1, lines.size()).clear(); // excerpt
      case 2 -> { // the lead kept in part, the rest rewritten
        for (int i = 0; i < lines.size(); i++) {
          if (r.nextBoolean()) {
            lines.set(i, pool.get(r.nextInt(pool.size())));
          }
        }
      }
      case 3 -> { // the headline reworded: some of its words kept
        String[] kept = title.split(" ");
        title = kept[0] + " " + kept[kept.length - 1] + " " + title(r, words, 2);
        lines = new ArrayList<>(List.of(pool.get(r.nextInt(pool.size()))));
      }
      default -> {
        return random(r);
      }
    }
    return new Item(title, lines, a.lang(),
        a.published().plus(Duration.ofMinutes(r.nextInt(3 * 24 * 60))));
  }

  private StoryEvidence evidence(Item i) {
    return matcher.evidence(new StoryText("src", i.title(), String.join("\n", i.lines()),
        Optional.of(i.lang()), i.published()), SourceLines.NONE);
  }

  @Test
  void turningCandidatesAwayEarlyDecidesAsTheFullMeasurement() {
    SplittableRandom r = new SplittableRandom(20261201);
    int same = 0;
    int different = 0;
    java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (int k = 0; k < 20_000; k++) {
      Item a = random(r);
      Item b = r.nextInt(3) == 0 ? random(r) : variant(r, a);
      StoryEvidence ea = evidence(a);
      StoryEvidence eb = evidence(b);
      Comparison c = Comparison.measure(ea, eb);
      boolean full = ea.lang.equals(eb.lang) && c.verdict().same();
      assertThat(Comparison.of(ea, eb).same()).as("%s / %s", a, b).isEqualTo(full);
      if (full) {
        same++;
        String kind = c.verdict().evidence();
        if (kind.equals("paraphrase") && c.leadTermsShared() * 4 < c.leadTermsMin()) {
          kind = "headline"; // under a quarter of the lead's words: only the headlines agree
        }
        kinds.merge(kind, 1, Integer::sum);
      } else {
        different++;
      }
    }
    // Both answers are common, and every kind of agreement occurs, so the early answer was
    // tested against each way to accept.
    assertThat(same).isGreaterThan(2_000);
    assertThat(different).isGreaterThan(2_000);
    assertThat(kinds.keySet()).containsExactlyInAnyOrder("republication", "excerpt", "passage",
        "paraphrase", "headline");
    assertThat(kinds.values()).allMatch(n -> n >= 10);
  }
}
