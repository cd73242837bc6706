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
    return new Query(Optional.of(Set.of(id)), limit, Optional.empty());
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
      q = new Query(q.sourceIds(), q.limit(), page.next());
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
    long story = Stories.story(db, Stories.itemId(db, "tass", "t42"),
        Stories.itemId(db, "ria", "r42"));
    ItemQueries.Page page = queries.page(new Query(Optional.of(Set.of("tass", "ria")),
        10, Optional.empty()));
    assertThat(page.items()).hasSize(1);
    StoredItem entry = page.items().get(0);
    assertThat(entry.sourceId()).isEqualTo("tass"); // first seen wins, not first published
    assertThat(entry.storyId()).hasValue(story);
    assertThat(entry.alsoFrom()).containsExactly(new StoredItem.Report("ria",
        org.newswire.dedup.Identities.sha256("guid:r42"), Optional.of("Item r42"),
        Optional.of(url + "?from=ria"), T0.plusSeconds(50), T0.plusSeconds(200)));
    // Filtered to ria alone, ria's copy stands for the story.
    assertThat(queries.page(bySource("ria", 10)).items())
        .extracting(StoredItem::sourceId).containsExactly("ria");
    // Not grouped: both items, each listing the other.
    ItemQueries.Page all = queries.page(new Query(Optional.of(Set.of("tass", "ria")),
        10, Optional.empty(), false));
    assertThat(all.items()).extracting(StoredItem::sourceId).containsExactly("tass", "ria");
    assertThat(all.items().get(1).alsoFrom()).extracting(StoredItem.Report::sourceId)
        .containsExactly("tass");
    assertThat(queries.story(story).orElseThrow().reports())
        .extracting(StoredItem.Report::sourceId).containsExactly("tass", "ria");
  }

  @Test
  void itemsPlacedApartStandAloneEvenWithOneCanonicalUrl() {
    // Stored without story evidence: a story each; one canonical URL no longer merges them.
    String url = "https://agency.example/story/77";
    Items.poll(store, "na1", T0.plusSeconds(150), List.of(item("n77").canonical(url).build()));
    Items.poll(store, "na2", T0.plusSeconds(160), List.of(item("m77").canonical(url).build()));
    ItemQueries.Page page = queries.page(new Query(Optional.of(Set.of("na1", "na2")),
        10, Optional.empty()));
    assertThat(page.items()).extracting(StoredItem::sourceId).containsExactly("na2", "na1");
    assertThat(page.items()).allSatisfy(i -> assertThat(i.alsoFrom()).isEmpty());
    assertThat(page.items().get(0).storyId()).isPresent()
        .isNotEqualTo(page.items().get(1).storyId());
  }

  @Test
  void anEntryListsAtMostTwentyOtherReportsAndTheStoryPageUpToItsBound() {
    List<FinishedItem> copies = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      copies.add(item("big-" + n).published(T0.plusSeconds(30_000 + n)).build());
    }
    Items.poll(store, "big", T0.plusSeconds(30_000), copies);
    long[] others = new long[29];
    for (int n = 1; n < 30; n++) {
      others[n - 1] = Stories.itemId(db, "big", "big-" + n);
    }
    long story = Stories.story(db, Stories.itemId(db, "big", "big-0"), others);
    List<StoredItem> page = queries.page(bySource("big", 50)).items();
    assertThat(page).hasSize(1); // grouped: one story
    assertThat(page.get(0).title()).contains("Item big-0");
    assertThat(page.get(0).alsoFrom()).extracting(r -> r.title().orElseThrow())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
            .mapToObj(n -> "Item big-" + n).toList());
    ItemQueries.Story s = queries.story(story).orElseThrow();
    assertThat(s.reports()).hasSize(30);
    assertThat(s.more()).isFalse();
    assertThat(queries.story(story + 1_000_000)).isEmpty();
  }

  @Test
  void entriesOfSeveralLargeStoriesEachListTheirFirstTwentyOtherReports() {
    for (String name : List.of("wa", "wb")) {
      List<FinishedItem> copies = new ArrayList<>();
      for (int n = 0; n < 25; n++) {
        copies.add(item(name + "-" + n).published(T0.plusSeconds(40_000 + n)).build());
      }
      Items.poll(store, "wide", T0.plusSeconds(40_000), copies);
      long[] others = new long[24];
      for (int n = 1; n < 25; n++) {
        others[n - 1] = Stories.itemId(db, "wide", name + "-" + n);
      }
      Stories.story(db, Stories.itemId(db, "wide", name + "-0"), others);
    }
    List<StoredItem> page = queries.page(bySource("wide", 50)).items();
    assertThat(page).extracting(i -> i.title().orElseThrow())
        .containsExactlyInAnyOrder("Item wa-0", "Item wb-0");
    for (StoredItem entry : page) {
      String name = entry.title().orElseThrow().substring(5, 7);
      assertThat(entry.alsoFrom()).extracting(r -> r.title().orElseThrow())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
              .mapToObj(n -> "Item " + name + "-" + n).toList());
    }
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

}
