package org.newswire.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.model.StoredItem;
import org.newswire.store.Database;
import org.newswire.store.ItemQueries;
import org.newswire.store.TestDatabases;

/** What a reader's search finds in a corpus of agency items, through the real index and store. */
class SearchRecallTest {
  @TempDir static Path dir;
  private static DbSettings settings;
  private static Database db;
  private static SearchIndex index;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    NewsCorpus.store(db.feeds());
    // The border story's two copies are one story (assignment's work, done here by hand).
    org.newswire.store.Stories.story(db, org.newswire.store.Stories.itemId(db, "24kg", "g-kz"),
        org.newswire.store.Stories.itemId(db, "kabar", "k-kz"));
    NewsCorpus.common(db.feeds(), "daily", 120);
    StringBuilder codes = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      codes.append("зет").append(i).append(' ');
    }
    org.newswire.store.Items.poll(db.feeds(), "codes", NewsCorpus.T0, List.of(
        org.newswire.store.Items.item("codes").title("Таблица кодов")
            .summary("<p>" + codes + "</p>", codes.toString())
            .published(NewsCorpus.T0.minusSeconds(86_400)).build()));
    index = SearchIndex.open(dir.resolve("search"), db.changes(), Clock.systemUTC());
    index.start();
    Eventually.holds(() -> {
      index.search(query("мэр"), Optional.empty(), Optional.empty(), 1, true);
      return true;
    });
  }

  @AfterAll
  static void close() {
    if (index != null) {
      index.close();
    }
    db.close();
    TestDatabases.drop(settings);
  }

  static SearchQuery query(String q) {
    return ((SearchQuery.Valid) SearchQuery.parse(q)).query();
  }

  /** The titles of the first page, in the order served. */
  private static List<String> titles(String q) {
    return titles(q, Optional.empty());
  }

  private static List<String> titles(String q, Optional<Set<String>> sources) {
    SearchIndex.Hits hits = index.search(query(q), sources, Optional.empty(), 50, true);
    return items(db.items().outline(hits.ids(), hits.more())).stream()
        .map(i -> i.title().orElseThrow()).toList();
  }

  /** A search page's items, in the outline's order, as the publisher reads them. */
  private static List<StoredItem> items(ItemQueries.Outline outline) {
    Map<Long, StoredItem> content = db.items().contents(outline.stamps());
    return outline.stamps().stream().map(st -> content.get(st.rowId())).toList();
  }

  private static String t(String key) {
    return NewsCorpus.TITLES.get(key);
  }

  @Test
  void nominativeQueriesFindInflectedText() {
    assertThat(titles("Бишкек")).containsExactly(t("r-mixed"), t("a-snow"), t("k-mayor"));
    assertThat(titles("Кыргызстан")).containsExactly(t("g-kz"), t("a-budget"), t("k-elect"));
    assertThat(titles("выборы")).containsExactly(t("k-elect"));
    assertThat(titles("Кумтор")).containsExactly(t("g-kumtor")); // a rare word
  }

  @Test
  void yoIsYeCaseAndPunctuationDoNotMatter() {
    assertThat(titles("елка")).containsExactly(t("g-tree"));
    assertThat(titles("ЁЛКА")).containsExactly(t("g-tree"));
    assertThat(titles("жесткие")).containsExactly(t("k-hard"));
    assertThat(titles("подвел")).containsExactly(t("k-elect"));
    assertThat(titles("«Бишкек»!!! — ,")).isEqualTo(titles("бишкек"));
  }

  @Test
  void englishPluralsAndVerbForms() {
    assertThat(titles("election")).containsExactly(t("r-elect"));
    assertThat(titles("elect")).containsExactly(t("r-elect")); // "elected" in the text
    assertThat(titles("protest")).containsExactly(t("r-protest"));
    assertThat(titles("mine")).containsExactly(t("r-mining"));
  }

  @Test
  void latinAndCyrillicInOneQuery() {
    assertThat(titles("investors Бишкек")).containsExactly(t("r-mixed"));
    assertThat(titles("Bishkek")).containsExactly(t("r-protest"));
  }

  @Test
  void phrasesKeepWordOrder() {
    assertThat(titles("\"мэр Бишкека\"")).containsExactly(t("r-mixed"));
    assertThat(titles("\"Бишкек мэр\"")).isEmpty();
    assertThat(titles("\"первый снег\"")).containsExactly(t("a-snow"));
  }

  @Test
  void prefixesExclusionsAndOr() {
    assertThat(titles("Кыргыз*")).containsExactly(t("g-kz"), t("a-budget"), t("k-elect"));
    assertThat(titles("выборы*")).containsExactly(t("k-elect"));
    assertThat(titles("Бишкек -снег")).containsExactly(t("r-mixed"), t("k-mayor"));
    assertThat(titles("Бишкек -\"первый снег\"")).containsExactly(t("r-mixed"), t("k-mayor"));
    assertThat(titles("ёлка OR школа")).containsExactly(t("g-tree"), t("a-osh"));
    assertThat(titles("депутаты бюджет OR кенеш")).containsExactly(t("a-budget"),
        t("k-mayor"));
  }

  @Test
  void sourceFilterAppliesInTheIndex() {
    assertThat(titles("Бишкек", Optional.of(Set.of("reuters")))).containsExactly(t("r-mixed"));
    assertThat(titles("Бишкек", Optional.of(Set.of("kabar", "akipress"))))
        .containsExactly(t("a-snow"), t("k-mayor"));
    assertThat(titles("Бишкек", Optional.of(Set.of())).isEmpty()).isTrue();
  }

  @Test
  void aStoryIsOneEntryByItsFirstSeenMatchingItem() {
    // Both agencies' copies match; 24kg saw it first, kabar's copy is named beside it.
    List<StoredItem> page = items(db.items().outline(index.search(query("граница Астана"),
        Optional.empty(), Optional.empty(), 10, true).ids(), false));
    assertThat(page).extracting(StoredItem::sourceId).containsExactly("24kg");
    assertThat(page.get(0).alsoFrom()).extracting(StoredItem.Report::sourceId)
        .containsExactly("kabar");
    // Only kabar's copy has "делегации": then it stands for the story.
    assertThat(titles("делегации")).containsExactly(t("k-kz"));
  }

  @Test
  void aCommonWordPagesNewestFirstEachItemOnce() {
    List<StoredItem> all = new ArrayList<>();
    Optional<SearchIndex.After> after = Optional.empty();
    int pages = 0;
    while (true) {
      SearchIndex.Hits hits = index.search(query("новость"), Optional.empty(), after, 50, true);
      ItemQueries.Outline page = db.items().outline(hits.ids(), hits.more());
      all.addAll(items(page));
      pages++;
      if (page.next().isEmpty()) {
        break;
      }
      after = page.next().map(c -> new SearchIndex.After(c.publishedAt(), c.rowId()));
    }
    assertThat(pages).isEqualTo(3);
    assertThat(all).hasSize(120);
    assertThat(all).extracting(i -> i.title().orElseThrow()).doesNotHaveDuplicates()
        .startsWith("Новости дня, выпуск 0", "Новости дня, выпуск 1")
        .endsWith("Новости дня, выпуск 119");
  }

  @Test
  void aPrefixThatWouldExpandTooFarIsRefusedWithTheReason() {
    assertThat(titles("зет1*")).containsExactly("Таблица кодов");
    assertThatThrownBy(() -> titles("зет*"))
        .isInstanceOfSatisfying(SearchRefusedException.class, e -> assertThat(e.kind())
            .isEqualTo(SearchRefusedException.Kind.MALFORMED))
        .hasMessage("q: more than 500 words start with 'зет'; give more letters before '*'");
  }
}
