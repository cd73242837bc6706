package org.newswire.store;

import static org.newswire.store.Items.item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

/**
 * How long a merged-feed search page takes at N items (not a unit test; a measurement). Items
 * of three sources share each canonical URL, so story de-duplication has work to do.
 *
 * <p>Run: {@code mvn -B -q test-compile}, then
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.newswire.store.SearchPlanBench 10000} with {@code NEWSWIRE_TEST_DB_URL} set; the seeded
 * database {@code nwbench_search_N} is kept and reused.
 */
public final class SearchPlanBench {
  private static final String[] WORDS = ("министр переговоры торговля энергетика саммит "
      + "столица меморандум сотрудничество образование культура парламент бюджет правительство "
      + "экономика рост инфляция банк курс рубль доллар нефть газ экспорт импорт граница "
      + "транспорт аэропорт регион область город район жители выборы депутат закон проект "
      + "реформа налог пенсия больница школа университет студент спорт чемпионат команда матч")
      .split(" ");

  private SearchPlanBench() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    DbSettings settings = TestDatabases.named("nwbench_search_" + n);
    try (Database db = Database.open(settings)) {
      if (db.items().latestChange().maxId() < n) {
        seed(db, n);
      }
      for (String q : List.of("министр", "бюджет налог", "чемпионат", "новость")) {
        long[] ms = new long[3];
        int shown = 0;
        for (int run = 0; run < ms.length; run++) {
          long t = System.nanoTime();
          shown = db.items().page(new ItemQueries.Query(Optional.empty(), Optional.of(q), 50,
              Optional.empty())).items().size();
          ms[run] = (System.nanoTime() - t) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("%d items, q=%s: %d entries, median %d ms (min %d, max %d)%n", n, q,
            shown, ms[1], ms[0], ms[2]);
      }
    }
  }

  private static void seed(Database db, int n) {
    Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
    for (int start = 0; start < n; start += 300) {
      List<List<FinishedItem>> bySource = List.of(new ArrayList<>(), new ArrayList<>(),
          new ArrayList<>());
      for (int k = start; k < Math.min(n, start + 300); k++) {
        Random r = new Random(k);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 120; w++) {
          text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        }
        bySource.get(k % 3).add(item("search-" + k)
            .title("Новость номер " + k)
            .canonical("https://story.example/" + k / 3)
            .content("<p>" + text + "</p>", text.toString())
            .published(t0.plusSeconds(60L * k)).build());
      }
      for (int s = 0; s < 3; s++) {
        Items.poll(db.feeds(), "agency" + s, t0.plusSeconds(60L * start), bySource.get(s));
      }
    }
  }
}
