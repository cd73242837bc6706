package org.newswire.search;

import static org.newswire.store.Items.item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newswire.store.FeedStore;
import org.newswire.model.FinishedItem;
import org.newswire.store.Items;

/**
 * Real-looking agency items, written by hand so what each query must find is known without
 * the code. Queries use another case or number than the text: the text says "Бишкеке",
 * "Кыргызстана", "выборов", "ёлку"; the queries "Бишкек", "Кыргызстан", "выборы", "елка".
 */
final class NewsCorpus {
  static final Instant T0 = Instant.parse("2026-11-02T06:00:00Z");
  static final String STORY = "https://24.kg/obschestvo/300001_granitsa/";

  /** key → title, for reading results. */
  static final Map<String, String> TITLES = new LinkedHashMap<>();

  private NewsCorpus() {}

  static void store(FeedStore store) {
    poll(store, "kabar", 0,
        ru("k-mayor", 10, "В Бишкеке выбрали нового мэра",
            "Депутаты городского кенеша Бишкека проголосовали за кандидатуру."),
        ru("k-elect", 20, "Итоги выборов в парламент Кыргызстана",
            "ЦИК подвёл итоги голосования по единому округу."),
        ru("k-hard", 30, "ЦИК ввёл жёсткие правила агитации",
            "Кандидатам запретили агитацию в учебных заведениях."));
    poll(store, "akipress", 60,
        ru("a-snow", 40, "В Бишкеке выпал первый снег",
            "Синоптики предупреждают о гололёде на дорогах столицы."),
        ru("a-budget", 50, "Парламент Кыргызстана утвердил бюджет",
            "Депутаты Жогорку Кенеша одобрили бюджет на 2027 год."),
        ru("a-osh", 60, "В Оше открыли новую школу",
            "Школа рассчитана на 1200 учеников."));
    poll(store, "24kg", 120,
        ru("g-tree", 70, "На площади Ала-Тоо установили новогоднюю ёлку",
            "Ёлку высотой 25 метров украсили игрушками."),
        ru("g-kz", 80, "Казахстан и Кыргызстан обсудили границу",
            "Переговоры прошли в Астане.").canonical(STORY),
        ru("g-kumtor", 90, "Кумтор увеличил добычу золота",
            "Рудник выпустил отчёт за третий квартал."));
    poll(store, "reuters", 180,
        ru("r-elect", 100, "Kyrgyzstan holds parliamentary elections",
            "Voters elected 90 deputies on Sunday."),
        ru("r-protest", 110, "Protesters gathered in central Bishkek",
            "Police said the protests were peaceful."),
        ru("r-mining", 120, "Gold miner expands operations",
            "The company is mining at three deposits."),
        ru("r-mixed", 130, "Reuters: мэр Бишкека meets investors",
            "The mayor of the capital met foreign investors."));
    // The border story again, seen later from another agency: one entry, the first-seen copy.
    poll(store, "kabar", 240,
        ru("k-kz", 85, "Кыргызстан и Казахстан провели переговоры о границе",
            "Делегации встретились в Астане.").canonical(STORY));
  }

  /** {@code n} items of one source that all share the word "новости". */
  static void common(FeedStore store, String sourceId, int n) {
    List<FinishedItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = sourceId + "-" + i;
      TITLES.put(key, "Новости дня, выпуск " + i);
      items.add(item(key).title("Новости дня, выпуск " + i)
          .content("<p>Главные новости часа</p>", "Главные новости часа")
          .published(T0.minusSeconds(3600 + i * 60L)).build());
    }
    Items.poll(store, sourceId, T0.plusSeconds(300), items);
  }

  private static Items.Builder ru(String key, int minutes, String title, String text) {
    TITLES.put(key, title);
    return item(key).title(title).summary("<p>" + text + "</p>", text)
        .published(T0.plusSeconds(minutes * 60L));
  }

  private static void poll(FeedStore store, String sourceId, int seconds, Items.Builder... items) {
    Items.poll(store, sourceId, T0.plusSeconds(seconds),
        java.util.Arrays.stream(items).map(Items.Builder::build).toList());
  }
}
