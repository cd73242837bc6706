package org.newswire.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newswire.store.Items.item;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;

/** The index follows inserts, edits and deletions, survives restarts and rebuilds by itself. */
class SearchFollowTest {
  private static final Instant T0 = Instant.parse("2026-11-10T04:00:00Z");
  @TempDir Path dir;
  private DbSettings settings;
  private Database db;
  private SearchIndex index;

  @BeforeEach
  void setUp() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
  }

  @AfterEach
  void tearDown() {
    if (index != null) {
      index.close();
    }
    db.close();
    TestDatabases.drop(settings);
  }

  private SearchIndex start() {
    index = SearchIndex.open(dir.resolve("search"), db.changes(), Clock.systemUTC());
    index.start();
    return index;
  }

  private List<Long> find(String q) {
    return index.search(SearchRecallTest.query(q), Optional.empty(), Optional.empty(), 50, true)
        .ids();
  }

  private long idOf(String source, String key) throws Exception {
    try (var c = db.dataSource().getConnection();
        var st = c.prepareStatement("SELECT id FROM item WHERE source_id = ? AND guid = ?")) {
      st.setString(1, source);
      st.setString(2, "guid-" + key);
      try (var rs = st.executeQuery()) {
        assertThat(rs.next()).as(key).isTrue();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void insertsEditsAndDeletionsBecomeSearchable() throws Exception {
    start();
    Eventually.holds(() -> find("землетрясение").isEmpty());
    Items.poll(db.feeds(), "kabar", T0, List.of(item("quake")
        .title("Землетрясение магнитудой 4,5 произошло в Нарынской области")
        .published(T0).build()));
    long id = idOf("kabar", "quake");
    Duration took = Eventually.holds(() -> find("землетрясения").equals(List.of(id)));
    System.out.println("searchable after " + took.toMillis() + " ms (not an assertion)");

    // An edit: the old words go, the new ones come.
    Items.poll(db.feeds(), "kabar", T0.plusSeconds(60), List.of(item("quake")
        .title("Подземный толчок ощутили жители Нарына").contentHash("h2")
        .published(T0).build()));
    Eventually.holds(() -> find("толчок").equals(List.of(id)));
    assertThat(find("землетрясение")).isEmpty();

    // Retention deletes it: gone from the index too.
    assertThat(db.feeds().deleteOlderThan(T0.plusSeconds(1), 100, T0.plusSeconds(120)))
        .isEqualTo(1);
    Eventually.holds(() -> find("толчок").isEmpty());

    // So does a purge.
    Items.poll(db.feeds(), "akipress", T0, List.of(item("p1").title("Паводок в Чуйской долине")
        .published(T0).build()));
    Eventually.holds(() -> find("паводок").size() == 1);
    assertThat(db.purge().deleteItems("akipress", 100, T0.plusSeconds(200))).isEqualTo(1);
    Eventually.holds(() -> find("паводок").isEmpty());
  }

  @Test
  void aStreamOfPollsIsMadeSearchableInAFewRefreshesNotOnePerPoll() throws Exception {
    start();
    java.util.concurrent.atomic.AtomicInteger refreshes = countRefreshes();
    // 30 polls over about 1.5 s, as a busy daemon commits them: each one's item is in the log
    // before the indexer's next round.
    long start = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      Items.poll(db.feeds(), "kabar", T0.plusSeconds(i), List.of(item("burst-" + i)
          .title("Снегопад номер " + i + " на перевале Тоо-Ашуу").published(T0.plusSeconds(i))
          .build()));
      Thread.sleep(50);
    }
    Eventually.holds(() -> find("снегопад").size() == 30);
    assertAtMostOneRefreshPerCadence(refreshes, start);
    Eventually.holds(() -> index.lag() == 0);
  }

  @Test
  void anIndexNobodySearchesStopsRefreshingAndTheNextSearchSeesEverythingWritten()
      throws Exception {
    Duration idle = Duration.ofSeconds(4);
    index = SearchIndex.open(dir.resolve("search"), db.changes(), Clock.systemUTC(), idle);
    index.start();
    java.util.concurrent.atomic.AtomicInteger refreshes = countRefreshes();
    // Nobody has searched yet: the item is written to the index but not made searchable.
    Items.poll(db.feeds(), "kabar", T0, List.of(item("idle-1")
        .title("Сель сошел в Кочкорском районе").published(T0).build()));
    long first = idOf("kabar", "idle-1");
    Eventually.holds(() -> index.lag() == 0 && index.behind());
    Thread.sleep(3 * Indexer.REFRESH_EVERY.toMillis());
    assertThat(refreshes.get()).as("refreshes while search-idle").isZero();
    // The first search refreshes before it looks: no waiting for a cadence.
    assertThat(find("сель")).containsExactly(first);
    assertThat(refreshes.get()).isOne();
    assertThat(index.behind()).isFalse();
    // Searched recently: the next item is made searchable without a search asking.
    Items.poll(db.feeds(), "kabar", T0.plusSeconds(60), List.of(item("idle-2")
        .title("Второй сель в Кочкорском районе").published(T0.plusSeconds(60)).build()));
    Eventually.holds(() -> refreshes.get() == 2 && !index.behind());
    // Idle again once searches stop for longer than the idle time.
    Thread.sleep(idle.toMillis() + 300);
    Items.poll(db.feeds(), "kabar", T0.plusSeconds(120), List.of(item("idle-3")
        .title("Третий сель в Кочкорском районе").published(T0.plusSeconds(120)).build()));
    Eventually.holds(() -> index.lag() == 0 && index.behind());
    Thread.sleep(3 * Indexer.REFRESH_EVERY.toMillis());
    assertThat(refreshes.get()).isEqualTo(2);
    assertThat(find("сель")).hasSize(3);
  }

  @Test
  void aStreamOfSearchesRefreshesNoMoreOftenThanTheCadence() throws Exception {
    start();
    Eventually.holds(() -> find("лавина").isEmpty()); // built, and searched: not idle
    java.util.concurrent.atomic.AtomicInteger refreshes = countRefreshes();
    long start = System.nanoTime();
    // Items keep arriving and a search follows each once the index has written it: each
    // search finds the index behind.
    for (int i = 0; i < 15; i++) {
      Items.poll(db.feeds(), "kabar", T0.plusSeconds(i), List.of(item("slide-" + i)
          .title("Лавина номер " + i + " сошла на перевале Тоо-Ашуу")
          .published(T0.plusSeconds(i)).build()));
      Eventually.holds(() -> index.lag() == 0);
      find("лавина");
    }
    assertAtMostOneRefreshPerCadence(refreshes, start);
  }

  private java.util.concurrent.atomic.AtomicInteger countRefreshes() {
    java.util.concurrent.atomic.AtomicInteger refreshes =
        new java.util.concurrent.atomic.AtomicInteger();
    index.onApplied(refreshes::incrementAndGet);
    return refreshes;
  }

  /** At most one refresh per REFRESH_EVERY since {@code startNanos}, and one more for the last. */
  private static void assertAtMostOneRefreshPerCadence(
      java.util.concurrent.atomic.AtomicInteger refreshes, long startNanos) {
    long tookMs = (System.nanoTime() - startNanos) / 1_000_000;
    long bound = tookMs / Indexer.REFRESH_EVERY.toMillis() + 2;
    assertThat(refreshes.get()).as("refreshes in %d ms", tookMs).isBetween(1, (int) bound);
  }

  @Test
  void anItemIsSearchableOnceItsStoryIsKnownNotBefore() throws Exception {
    Items.poll(db.feeds(), "kabar", T0, List.of(item("flood")
        .title("Паводок в Чуйской долине").published(T0).build()));
    long flood = idOf("kabar", "flood");
    // As a crash between storing an item and placing it leaves it: stored, queued, no story.
    try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
      st.executeUpdate("UPDATE item SET story_id = NULL WHERE id = " + flood);
      st.executeUpdate("DELETE FROM story WHERE first_item_id = " + flood);
      st.executeUpdate("INSERT INTO story_pending (item_id, queued_at) VALUES (" + flood
          + ", UTC_TIMESTAMP(6))");
    }
    start();
    Items.poll(db.feeds(), "akipress", T0.plusSeconds(60), List.of(item("rate")
        .title("Курс доллара вырос").published(T0.plusSeconds(60)).build()));
    // The index has seen the later item, and not the waiting one (the merged feed hides it).
    Eventually.holds(() -> find("курс").size() == 1);
    assertThat(find("паводок")).isEmpty();

    // Its placement, lost a minute ago, is made by the next poll's: now it is found.
    try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
      st.executeUpdate("UPDATE story_pending SET queued_at = UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE");
    }
    Items.poll(db.feeds(), "akipress", T0.plusSeconds(120), List.of(item("snow")
        .title("Снегопад на перевале").published(T0.plusSeconds(120)).build()));
    Eventually.holds(() -> find("паводок").equals(List.of(flood)));
  }

  @Test
  void aRestartFollowsOnFromWhereItStopped() throws Exception {
    Items.poll(db.feeds(), "kabar", T0, List.of(item("a").title("Первый снег в горах")
        .published(T0).build()));
    start();
    Eventually.holds(() -> find("снег").size() == 1);
    index.close();
    Items.poll(db.feeds(), "kabar", T0.plusSeconds(60), List.of(item("b")
        .title("Снегопад закрыл перевал Тоо-Ашуу").published(T0.plusSeconds(60)).build()));
    start();
    // Found without a rebuild: the first answer comes from the saved index.
    assertThat(Eventually.holds(() -> find("перевал").size() == 1)).isNotNull();
    assertThat(find("снег")).hasSize(1); // "снегопад" is another word
  }

  /**
   * A round that read the change log but could not read the items (here the item table is
   * away; in life, a database outage between the two reads) takes nothing: the next round
   * applies those changes. Before, the round had moved past them, and the item stayed out of
   * search until the next full build.
   */
  @Test
  void changesWhoseItemsCouldNotBeReadAreAppliedByTheNextRound() throws Exception {
    Items.poll(db.feeds(), "kabar", T0, List.of(item("a").title("Первый снег в горах")
        .published(T0).build()));
    try (FSDirectory fs = FSDirectory.open(dir.resolve("direct"));
        IndexWriter w = new IndexWriter(fs, new IndexWriterConfig(Terms.ANALYZER)
            .setIndexSort(IndexSchema.NEWEST_FIRST));
        SearcherManager searchers = new SearcherManager(w, null)) {
      Indexer indexer = new Indexer(w, searchers, db.changes(), Clock.systemUTC(), () -> false,
          Optional.empty(), Indexer.SEARCH_IDLE_AFTER);
      indexer.rebuild("a test");
      Items.poll(db.feeds(), "kabar", T0.plusSeconds(60), List.of(item("b")
          .title("Снегопад закрыл перевал Тоо-Ашуу").published(T0.plusSeconds(60)).build()));
      long b = idOf("kabar", "b");
      sql("RENAME TABLE item TO item_away");
      try {
        assertThatThrownBy(indexer::followOnce).isInstanceOf(RuntimeException.class);
      } finally {
        sql("RENAME TABLE item_away TO item");
      }
      indexer.followOnce();
      searchers.maybeRefreshBlocking();
      IndexSearcher searcher = searchers.acquire();
      try {
        assertThat(searcher.count(new TermQuery(IndexSchema.key(b)))).isEqualTo(1);
      } finally {
        searchers.release(searcher);
      }
    }
  }

  /**
   * The index commits once the change log has been quiet for {@link Indexer#COMMIT_WHEN_QUIET},
   * and while changes keep coming every {@link Indexer#COMMIT_EVERY}, never more often: each
   * commit writes a segment that is merged again later.
   */
  @Test
  void commitsWhenTheLogGoesQuietAndOtherwiseOnceAMinute() throws Exception {
    Instant[] now = {T0};
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    try (FSDirectory fs = FSDirectory.open(dir.resolve("direct"));
        IndexWriter w = new IndexWriter(fs, SearchIndex.writerConfig(false));
        SearcherManager searchers = new SearcherManager(w, null)) {
      Indexer indexer = new Indexer(w, searchers, db.changes(), clock, () -> false,
          Optional.empty(), Indexer.SEARCH_IDLE_AFTER);
      indexer.rebuild("a test");
      long built = committedSeq(fs);
      Items.poll(db.feeds(), "kabar", T0, List.of(item("a").title("Первый снег в горах")
          .published(T0).build()));
      indexer.followOnce();
      assertThat(committedSeq(fs)).as("just written").isEqualTo(built);
      now[0] = T0.plusSeconds(1);
      indexer.followOnce();
      assertThat(committedSeq(fs)).as("quiet for 1 s").isEqualTo(built);
      now[0] = T0.plusSeconds(2);
      indexer.followOnce();
      long quiet = committedSeq(fs);
      assertThat(quiet).as("quiet for 2 s").isGreaterThan(built);

      // Busy: a change every 10 s, so never quiet for 2 s when the index looks.
      for (int t = 12; t <= 62; t += 10) {
        now[0] = T0.plusSeconds(t);
        Items.poll(db.feeds(), "kabar", now[0], List.of(item("b" + t)
            .title("Снегопад закрыл перевал, сводка " + t).published(now[0]).build()));
        indexer.followOnce();
        if (t < 62) {
          assertThat(committedSeq(fs)).as("busy, %d s after the last commit", t - 2)
              .isEqualTo(quiet);
        }
      }
      assertThat(committedSeq(fs)).as("busy, a minute after the last commit")
          .isGreaterThan(quiet);
    }
  }

  private static long committedSeq(FSDirectory fs) throws Exception {
    return Long.parseLong(org.apache.lucene.index.SegmentInfos.readLatestCommit(fs)
        .getUserData().get(IndexSchema.USER_SEQ));
  }

  private void sql(String statement) throws Exception {
    try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
      st.execute(statement);
    }
  }

  @Test
  void aMissingIndexIsBuiltAndItsDirectoryIsPrivate() throws Exception {
    Items.poll(db.feeds(), "kabar", T0, List.of(item("a").title("Выборы мэра Оша")
        .published(T0).build()));
    start();
    Eventually.holds(() -> find("выбор").size() == 1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("search"))))
        .isEqualTo("rwx------");
  }

  @Test
  void anIndexOfAnotherVersionIsRebuilt() throws Exception {
    Items.poll(db.feeds(), "kabar", T0, List.of(item("a").title("Выборы мэра Оша")
        .published(T0).build()));
    // An index from an older build: one stray document and version "0".
    Path d = dir.resolve("search");
    Files.createDirectories(d);
    try (FSDirectory fs = FSDirectory.open(d);
        IndexWriter w = new IndexWriter(fs, new IndexWriterConfig(Terms.ANALYZER))) {
      w.addDocument(IndexSchema.document(new org.newswire.store.ItemChanges.Indexed(999_999,
          "old", T0, T0, "i999999", "Выборы в старом индексе")));
      w.setLiveCommitData(Map.of(IndexSchema.USER_VERSION, "0", IndexSchema.USER_SEQ, "0")
          .entrySet());
      w.commit();
    }
    start();
    long id = idOf("kabar", "a");
    Eventually.holds(() -> find("выборы").equals(List.of(id)));
  }

  @Test
  void searchesWaitForTheFirstBuildWith503() {
    // Not started: the index is not built, and says so instead of answering empty.
    index = SearchIndex.open(dir.resolve("search"), db.changes(), Clock.systemUTC());
    assertThatThrownBy(() -> find("снег"))
        .isInstanceOfSatisfying(SearchRefusedException.class,
            e -> assertThat(e.kind()).isEqualTo(SearchRefusedException.Kind.NOT_READY))
        .hasMessageStartingWith("the search index is being built");
  }

  @Test
  void aSecondProcessCannotOpenTheSameIndex() {
    start();
    assertThatThrownBy(() -> SearchIndex.open(dir.resolve("search"), db.changes(),
        Clock.systemUTC())).isInstanceOf(IndexLockedException.class)
        .hasMessageContaining("in use by another newswire process");
  }
}
