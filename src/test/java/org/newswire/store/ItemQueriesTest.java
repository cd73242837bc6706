package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;
import org.newswire.model.StoredItem;
import org.newswire.store.ItemQueries.Query;

class ItemQueriesTest {
  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  private static DbSettings settings;
  private static Database db;
  private static FeedStore store;
  private static ItemQueries queries;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    store = db.feeds();
    queries = db.items();
    // 1,000 items of "bulk", in polls of 100; every 7th pair shares a published time so the
    // id tie-break is exercised.
    for (int poll = 0; poll < 10; poll++) {
      List<FinishedItem> batch = new ArrayList<>();
      for (int k = 0; k < 100; k++) {
        int n = poll * 100 + k;
        batch.add(item("bulk-" + n).published(T0.plusSeconds(n - (n % 7 == 1 ? 1 : 0)))
            .build());
      }
      Items.poll(store, "bulk", T0.plusSeconds(5000 + poll), batch);
    }
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static Query bySource(String id, int limit) {
    return new Query(Optional.of(Set.of(id)), Optional.empty(), limit, Optional.empty());
  }

  @Test
  void pagingThroughAThousandItemsReturnsEachOnceNewestFirst() {
    List<StoredItem> all = new ArrayList<>();
    Query q = bySource("bulk", 37);
    int pages = 0;
    while (true) {
      ItemQueries.Page page = queries.page(q);
      all.addAll(page.items());
      pages++;
      if (page.next().isEmpty()) {
        break;
      }
      q = new Query(q.sourceIds(), q.text(), q.limit(), page.next());
    }
    assertThat(pages).isEqualTo(28); // ceil(1000 / 37)
    assertThat(all).hasSize(1000);
    Set<String> titles = new HashSet<>();
    all.forEach(i -> titles.add(i.title().orElseThrow()));
    assertThat(titles).hasSize(1000);
    for (int i = 1; i < all.size(); i++) {
      StoredItem a = all.get(i - 1);
      StoredItem b = all.get(i);
      assertThat(a.publishedAt().isAfter(b.publishedAt())
          || a.publishedAt().equals(b.publishedAt()) && a.rowId() > b.rowId()).isTrue();
    }
    assertThat(all.get(0).title()).contains("Item bulk-999");
  }

  @Test
  void aStoryFromTwoSourcesIsOneEntryNamingBoth() {
    String url = "https://agency.example/story/42";
    Items.poll(store, "tass", T0.plusSeconds(100),
        List.of(item("t42").canonical(url).link(url + "?utm=tass").build()));
    Items.poll(store, "ria", T0.plusSeconds(200),
        List.of(item("r42").canonical(url).link(url + "?from=ria")
            .published(T0.plusSeconds(50)).build()));
    ItemQueries.Page page = queries.page(new Query(Optional.of(Set.of("tass", "ria")),
        Optional.empty(), 10, Optional.empty()));
    assertThat(page.items()).hasSize(1);
    StoredItem story = page.items().get(0);
    assertThat(story.sourceId()).isEqualTo("tass"); // first seen wins, not first published
    assertThat(story.alsoFrom()).containsExactly(
        new StoredItem.AlsoFrom("ria", Optional.of(url + "?from=ria")));
    // Filtered to ria alone, ria's copy stands for the story.
    assertThat(queries.page(bySource("ria", 10)).items())
        .extracting(StoredItem::sourceId).containsExactly("ria");
  }

  @Test
  void fullTextSearchFindsCyrillicCaseInsensitively() {
    Items.poll(store, "kabar", T0.plusSeconds(300), List.of(
        item("k1").title("Министр обсудил мирный договор").build(),
        item("k2").title("Погода в Бишкеке").content("<p>Ожидается снег</p>", "Ожидается снег")
            .build()));
    Query q = new Query(Optional.empty(), Optional.of("МИРНЫЙ договор"), 10, Optional.empty());
    assertThat(queries.page(q).items()).extracting(i -> i.title().orElseThrow())
        .containsExactly("Министр обсудил мирный договор");
    Query inText = new Query(Optional.empty(), Optional.of("снег"), 10, Optional.empty());
    assertThat(queries.page(inText).items()).extracting(StoredItem::sourceId)
        .containsExactly("kabar");
    Query operators = new Query(Optional.empty(), Optional.of("-погода +\"(снег"), 10,
        Optional.empty());
    assertThat(queries.page(operators).items()).extracting(i -> i.title().orElseThrow())
        .containsExactly("Погода в Бишкеке");
  }

  @Test
  void aSearchShowsEachStoryOnceByItsFirstSeenMatchingItemAcrossPages() {
    // Six stories, each from three sources seen in turn; the first-seen copy of every story
    // lacks the word, so the second-seen copy stands for it in a search.
    for (int story = 0; story < 6; story++) {
      String url = "https://story.example/dedup/" + story;
      Instant published = T0.plusSeconds(10_000 + story * 60L);
      for (int copy = 0; copy < 3; copy++) {
        String text = copy == 0 ? "Без ключевого слова" : "Речь о ратификации соглашения";
        Items.poll(store, "dd" + copy, T0.plusSeconds(20_000 + story * 10L + copy), List.of(
            item("dd" + story + "-" + copy).canonical(url).title("Сюжет " + story)
                .content("<p>" + text + "</p>", text).published(published.plusSeconds(copy))
                .build()));
      }
    }
    Set<String> sources = Set.of("dd0", "dd1", "dd2");
    Query q = new Query(Optional.of(sources), Optional.of("ратификации"), 4, Optional.empty());
    List<StoredItem> seen = new ArrayList<>();
    ItemQueries.Page page = queries.page(q);
    seen.addAll(page.items());
    assertThat(page.items()).hasSize(4);
    assertThat(page.next()).isPresent();
    page = queries.page(new Query(q.sourceIds(), q.text(), q.limit(), page.next()));
    seen.addAll(page.items());
    assertThat(page.next()).isEmpty();

    assertThat(seen).extracting(i -> i.title().orElseThrow()).containsExactly("Сюжет 5",
        "Сюжет 4", "Сюжет 3", "Сюжет 2", "Сюжет 1", "Сюжет 0");
    assertThat(seen).extracting(StoredItem::sourceId).containsOnly("dd1");
    assertThat(seen.get(0).alsoFrom()).extracting(StoredItem.AlsoFrom::sourceId)
        .containsExactly("dd0", "dd2");
    // Without the search the first-seen copy stands for each story.
    assertThat(queries.page(new Query(Optional.of(sources), Optional.empty(), 10,
        Optional.empty())).items()).extracting(StoredItem::sourceId).hasSize(6)
        .containsOnly("dd0");
  }

  @Test
  void storedFieldsComeBack() {
    Items.poll(store, "full", T0.plusSeconds(400), List.of(item("f1")
        .content("<p>Полный текст</p>", "Полный текст")
        .categories("Политика", "World")
        .enclosures(new org.newswire.model.Enclosure("https://cdn.example/a.jpg",
            Optional.of("image/jpeg"), java.util.OptionalLong.of(1234)))
        .author("Иван Петров").build()));
    StoredItem i = queries.page(bySource("full", 1)).items().get(0);
    assertThat(i.contentHtml()).contains("<p>Полный текст</p>");
    assertThat(i.summaryHtml()).contains("<p>Summary of f1</p>");
    assertThat(i.categories()).containsExactly("Политика", "World");
    assertThat(i.enclosures()).singleElement().satisfies(e -> {
      assertThat(e.url()).isEqualTo("https://cdn.example/a.jpg");
      assertThat(e.type()).contains("image/jpeg");
      assertThat(e.length().getAsLong()).isEqualTo(1234);
    });
    assertThat(i.author()).contains("Иван Петров");
    assertThat(i.firstSeenAt()).isEqualTo(T0.plusSeconds(400));
  }

  @Test
  void latestChangeMovesOnNewAndEditedItems() {
    ItemQueries.Change before = queries.latestChange();
    Items.poll(store, "chg", T0.plusSeconds(600), List.of(item("c1").build()));
    ItemQueries.Change afterNew = queries.latestChange();
    assertThat(afterNew.maxId()).isGreaterThan(before.maxId());
    Items.poll(store, "chg", T0.plusSeconds(700),
        List.of(item("c1").title("edited").contentHash("h2").build()));
    ItemQueries.Change afterEdit = queries.latestChange();
    assertThat(afterEdit.maxId()).isEqualTo(afterNew.maxId());
    assertThat(afterEdit.maxUpdated()).contains(T0.plusSeconds(700));
  }

  @Test
  void aSearchThatRunsTooLongIsStoppedAndSaysSo() throws Exception {
    ItemQueries limited = new ItemQueries(db.dsl(), java.time.Duration.ofSeconds(1),
        new java.util.concurrent.Semaphore(1));
    Query search = new Query(Optional.empty(), Optional.of("договор"), 10, Optional.empty());
    // A table lock held elsewhere keeps the search waiting as a huge result would; MariaDB's
    // max_statement_time stops it either way.
    try (java.sql.Connection other = db.dataSource().getConnection();
         java.sql.Statement st = other.createStatement()) {
      st.execute("LOCK TABLES item WRITE");
      long started = System.nanoTime();
      try {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limited.page(search))
            .isInstanceOf(SearchTimeoutException.class)
            .hasMessage("the search took longer than 1 s");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);
      } finally {
        st.execute("UNLOCK TABLES");
      }
    }
    // Not a search: no limit applies, and the same store answers normally afterwards.
    assertThat(limited.page(bySource("bulk", 5)).items()).hasSize(5);
    assertThat(limited.page(search).items()).isNotNull();
  }
}
