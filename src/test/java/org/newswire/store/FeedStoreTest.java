package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

class FeedStoreTest {
  private static DbSettings settings;
  private static Database db;
  private static FeedStore store;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    store = db.feeds();
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static final Instant T0 = Instant.parse("2021-07-03T04:15:00Z");

  private static SourceState state(String id, Instant polled) {
    SourceState f = SourceState.fresh(id, "https://kabar.kg/rss/");
    return new SourceState(id, f.url(), Optional.of("\"v1\""), Optional.empty(),
        Optional.of("abc"), Optional.empty(), 0, Optional.of(polled), Optional.of(polled),
        Optional.of("fetched"), Optional.of(200), Optional.empty(), 0, 0, 0, Optional.empty(),
        Optional.of(polled.plusSeconds(900)), 0);
  }

  private static FinishedItem item(String identity, String title, String contentHash) {
    return FinishedItem.builder(identity, "guid", contentHash, T0).guid("guid-" + identity)
        .link("https://kabar.kg/news/" + identity).title(title)
        .summaryHtml("<p>" + title + "</p>").summaryText(title).build();
  }

  private static List<String> titles(String sourceId) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT title FROM item WHERE source_id = '" + sourceId
             + "' ORDER BY identity_hash")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Test
  void aPollsOwnReadOfTheStoreStandsForItsWrite() throws SQLException {
    store.recordPoll(new PollWrite(state("s9", T0),
        List.of(item("a", "Первое", "h1"), item("b", "Второе", "h2"))));
    // The poll read "a" as holding the text it brings (the store holds an older one) and "c" as
    // not stored: the write goes by that read, so "a" is left alone and only "c" is inserted.
    PollCounts counts = store.recordPoll(new PollWrite(state("s9", T0.plusSeconds(60)),
        List.of(item("a", "Первое, исправлено", "h9"), item("c", "Третье", "h3")))
        .withKnown(Map.of("a", "h9")));
    assertThat(counts).isEqualTo(new PollCounts(1, 0));
    assertThat(titles("s9")).containsExactly("Первое", "Второе", "Третье");

    // Read as not stored, "b" was stored first by another writer: skipped, not stored twice.
    PollCounts raced = store.recordPoll(new PollWrite(state("s9", T0.plusSeconds(120)),
        List.of(item("b", "Второе", "h2"))).withKnown(Map.of()));
    assertThat(raced).isEqualTo(new PollCounts(0, 0));
    assertThat(titles("s9")).containsExactly("Первое", "Второе", "Третье");
  }

  @Test
  void insertsThenSkipsUnchangedThenUpdatesEdited() throws SQLException {
    PollCounts first = store.recordPoll(new PollWrite(state("s1", T0),
        List.of(item("a", "Министр иностранных дел", "h1"), item("b", "Второе", "h2"))));
    assertThat(first).isEqualTo(new PollCounts(2, 0));

    PollCounts again = store.recordPoll(new PollWrite(state("s1", T0.plusSeconds(60)),
        List.of(item("a", "Министр иностранных дел", "h1"), item("b", "Второе", "h2"))));
    assertThat(again).isEqualTo(new PollCounts(0, 0));

    PollCounts edited = store.recordPoll(new PollWrite(state("s1", T0.plusSeconds(120)),
        List.of(item("a", "Министр иностранных дел (обновлено)", "h1b"),
            item("b", "Второе", "h2"))));
    assertThat(edited).isEqualTo(new PollCounts(0, 1));
    assertThat(titles("s1")).containsExactly("Министр иностранных дел (обновлено)", "Второе");

    SourceState saved = store.state("s1").orElseThrow();
    assertThat(saved.lastUpdated()).isEqualTo(1);
    assertThat(saved.lastNew()).isZero();
    assertThat(saved.etag()).contains("\"v1\"");
    assertThat(saved.lastPollAt()).contains(T0.plusSeconds(120));
  }

  @Test
  void aFeedOfThousandsOfEntriesIsStoredInOneStatementToo() throws SQLException {
    // Above the sizes whose SQL is kept: rendered for this poll alone, same result.
    List<FinishedItem> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      many.add(item("big-" + i, "Новость " + i, "h" + i));
    }
    assertThat(store.recordPoll(new PollWrite(state("big", T0), many)).inserted())
        .isEqualTo(1500);
    assertThat(titles("big")).hasSize(1500).contains("Новость 0", "Новость 1499");
    assertThat(store.recordPoll(new PollWrite(state("big", T0.plusSeconds(60)), many))
        .inserted()).isZero();
  }

  @Test
  void duplicateIdentitiesInOnePollAreStoredOnce() throws SQLException {
    PollCounts counts = store.recordPoll(new PollWrite(state("s2", T0),
        List.of(item("x", "Один", "h"), item("x", "Один", "h"))));
    assertThat(counts.inserted()).isEqualTo(1);
    assertThat(titles("s2")).containsExactly("Один");
  }

  @Test
  void knownItemsReportsContentHashesAndTombstones() throws SQLException {
    store.recordPoll(new PollWrite(state("s3", T0), List.of(item("k", "Known", "hk"))));
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO item_tombstone VALUES ('s3', 'gone', NOW(6))");
    }
    Map<String, String> known = store.knownItems("s3", List.of("k", "gone", "new"));
    assertThat(known).containsExactlyInAnyOrderEntriesOf(Map.of("k", "hk", "gone", ""));

    PollCounts counts = store.recordPoll(new PollWrite(state("s3", T0.plusSeconds(60)),
        List.of(item("gone", "Deleted by retention", "hg"))));
    assertThat(counts).isEqualTo(new PollCounts(0, 0));

    // An edit's new hash is what the next poll compares with.
    store.recordPoll(new PollWrite(state("s3", T0.plusSeconds(120)),
        List.of(item("k", "Known, edited", "hk2"))));
    assertThat(store.knownItems("s3", List.of("k"))).containsExactlyEntriesOf(Map.of("k", "hk2"));
    // The statement the store runs is answered by ix_item_known alone (V10), never by the
    // item rows (its first line is the items' half of the UNION), also as planned from the
    // index's statistics.
    assertThat(FeedStore.KNOWN.sql(3)).startsWith(ReadStatement.fromStatistics(""));
    try (Connection c = db.dataSource().getConnection();
        java.sql.PreparedStatement s = c.prepareStatement(FeedStore.KNOWN.explain(3))) {
      Object[] binds = {"s3", "k", "gone", "new", "s3", "k", "gone", "new"};
      for (int i = 0; i < binds.length; i++) {
        s.setObject(i + 1, binds[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("table")).isEqualTo("item");
        assertThat(rs.getString("key")).isEqualTo("ix_item_known");
        assertThat(rs.getString("Extra")).contains("Using index");
      }
    }
  }

  @Test
  void concurrentStateSavesAreAllCommittedWhenEachReturns() throws Exception {
    int n = 40;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<SourceState>>> read = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      SourceState s = state("c" + i, T0.plusSeconds(i));
      read.add(pool.submit(() -> {
        go.await();
        store.saveState(s);
        return store.state(s.sourceId()); // read right after return: must be there already
      }));
    }
    go.countDown();
    for (int i = 0; i < n; i++) {
      assertThat(read.get(i).get()).contains(state("c" + i, T0.plusSeconds(i)));
    }
    pool.shutdown();
    // A later save of the same source replaces the row (last write wins, not a second row).
    store.saveState(state("c0", T0.plusSeconds(3600)));
    assertThat(store.state("c0")).contains(state("c0", T0.plusSeconds(3600)));
    assertThat(store.states().keySet().stream().filter(k -> k.matches("c\\d+"))).hasSize(n);
  }

  @Test
  void statesSavedBehindAreAllCommittedBeforeTheDatabaseCloses() throws Exception {
    DbSettings own = TestDatabases.createFresh();
    try {
      int n = StateWriter.MAX_BATCH + 250; // more than one transaction's worth
      ExecutorService pool = Executors.newFixedThreadPool(8);
      Database first = Database.open(own);
      List<Future<?>> saved = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        SourceState st = state("b" + i, T0.plusSeconds(i));
        saved.add(pool.submit(() -> first.feeds().saveStateBehind(st)));
      }
      for (Future<?> f : saved) {
        f.get();
      }
      pool.shutdown();
      first.close(); // returns after the pending rows are committed
      assertThatThrownBy(() -> first.feeds().saveState(state("late", T0)))
          .isInstanceOf(StoreException.class).hasMessageContaining("closed");
      Database second = Database.open(own);
      try {
        Map<String, SourceState> states = second.feeds().states();
        assertThat(states).hasSize(n);
        assertThat(states.get("b" + (n - 1))).isEqualTo(state("b" + (n - 1),
            T0.plusSeconds(n - 1)));
      } finally {
        second.close();
      }
    } finally {
      TestDatabases.drop(own);
    }
  }

  @Test
  void stateRoundTrips() {
    SourceState s = state("s4", T0);
    store.saveState(s);
    assertThat(store.state("s4")).contains(s);
    assertThat(store.states()).containsKey("s4");
  }

  @Test
  void failuresNameTheCauseNotTheStatement() {
    assertThat(Database.firstLine("SQL [select `x` from `source_state` where `a` = ?]; (conn=93)"
        + " Table 'newswire.source_state' doesn't exist\nmore"))
        .isEqualTo("(conn=93) Table 'newswire.source_state' doesn't exist");
    assertThat(Database.firstLine("Connection refused\nstack")).isEqualTo("Connection refused");
  }
}
