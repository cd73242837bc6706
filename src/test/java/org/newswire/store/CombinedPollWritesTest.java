package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

/**
 * Polls that finish while other polls' writes run share the next transaction (real MariaDB).
 * The writes going are held on row locks taken by another connection, so that which polls wait
 * for them, and so share a write, is certain.
 */
class CombinedPollWritesTest {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
  private static final StoryRules RULES = new StoryRules(Duration.ofHours(72),
      (a, b) -> java.util.Arrays.equals(a, b) ? OptionalDouble.of(1) : OptionalDouble.empty());

  private DbSettings settings;
  private Database db;
  private FeedStore store;

  @BeforeEach
  void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    store = db.feeds();
  }

  @AfterEach
  void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static PollWrite poll(String source, Instant at, String... keys) {
    List<FinishedItem> items = new ArrayList<>();
    for (String k : keys) {
      items.add(Items.item(source + "-" + k).title("Новость " + k + " из " + source).build());
    }
    return new PollWrite(Items.polled(source, "https://" + source + ".example/rss", at,
        Optional.empty()), items);
  }

  /** A poll whose items each carry story keys: items with one key make one story. */
  private static PollWrite storyPoll(String source, Instant at, Map<String, Long> keyByItem) {
    List<FinishedItem> items = new ArrayList<>();
    Map<String, StoryInput> inputs = new HashMap<>();
    keyByItem.forEach((k, key) -> {
      FinishedItem i = Items.item(k).title("Заголовок " + k).build();
      items.add(i);
      inputs.put(i.identityHash(), new StoryInput(
          ("текст " + key).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          new long[] {key}, new long[] {key * 31}));
    });
    return new PollWrite(Items.polled(source, "https://" + source + ".example/rss", at,
        Optional.empty()), items, inputs, RULES);
  }

  private static CompletableFuture<PollCounts> inThread(Supplier<PollCounts> write) {
    return CompletableFuture.supplyAsync(write, r -> new Thread(r).start());
  }

  private long one(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      return TestDatabases.one(s, sql);
    }
  }

  private Connection connect() throws SQLException {
    return java.sql.DriverManager.getConnection(settings.url().orElseThrow(), settings.user(),
        settings.password());
  }

  private static long commits(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_commit'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  /**
   * Holds the write of {@code held} (its source's state row locked elsewhere), and as many
   * more as there are lanes (sources "lane-2"…, one item each), lets {@code others} queue
   * behind them, then releases them; returns every poll's outcome and the commits counted from
   * the release on.
   */
  private record Outcome(PollCounts held, List<CompletableFuture<PollCounts>> others,
      long commits) {}

  private Outcome heldThenReleased(PollWrite held, List<PollWrite> others) throws Exception {
    List<PollWrite> holding = new ArrayList<>(List.of(held));
    for (int lane = 2; lane <= PollWriter.LANES; lane++) {
      holding.add(poll("lane-" + lane, held.state().lastPollAt().orElseThrow(), "1"));
    }
    // Connections of their own: the store's pool is small, and its polls need it.
    try (Connection lock = connect(); Connection status = connect();
         Statement ls = lock.createStatement(); Statement ss = status.createStatement()) {
      lock.setAutoCommit(false);
      List<CompletableFuture<PollCounts>> first = new ArrayList<>();
      for (PollWrite w : holding) {
        store.saveState(w.state()); // the row the lock below holds
        ls.executeQuery("SELECT * FROM source_state WHERE source_id = '"
            + w.state().sourceId() + "' FOR UPDATE").close();
        first.add(inThread(() -> store.recordPoll(w)));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      // The held writes' state upserts wait for the locks.
      while (TestDatabases.one(ss, "SELECT COUNT(*) FROM information_schema.processlist"
          + " WHERE command = 'Query' AND info LIKE 'insert into `source_state`%'")
          < holding.size() && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      List<CompletableFuture<PollCounts>> later = new ArrayList<>();
      for (PollWrite w : others) {
        later.add(inThread(() -> store.recordPoll(w)));
      }
      while (store.pollsWaiting() < others.size() && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(store.pollsWaiting()).isEqualTo(others.size());
      assertThat(first).noneMatch(CompletableFuture::isDone);
      long before = commits(ss);
      lock.rollback();
      PollCounts heldCounts = first.get(0).get(20, TimeUnit.SECONDS);
      for (CompletableFuture<PollCounts> f : first) {
        assertThat(f.get(20, TimeUnit.SECONDS).inserted()).isPositive();
      }
      for (CompletableFuture<PollCounts> f : later) {
        try {
          f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // the caller looks at it
        }
      }
      return new Outcome(heldCounts, later, commits(ss) - before);
    }
  }

  @Test
  void pollsThatFinishWhileAWriteRunsShareTheNextTransactionAndEachGetsItsOwnCounts()
      throws Exception {
    // d's second poll repeats one item and edits none: its counts are its own.
    store.recordPoll(poll("d", T0, "1"));
    Outcome o = heldThenReleased(poll("a", T0.plusSeconds(1), "1", "2"), List.of(
        poll("b", T0.plusSeconds(2), "1", "2", "3"),
        poll("c", T0.plusSeconds(3), "1"),
        poll("d", T0.plusSeconds(4), "1", "2")));

    assertThat(o.held()).isEqualTo(new PollCounts(2, 0));
    assertThat(o.others().get(0).get()).isEqualTo(new PollCounts(3, 0));
    assertThat(o.others().get(1).get()).isEqualTo(new PollCounts(1, 0));
    assertThat(o.others().get(2).get()).isEqualTo(new PollCounts(1, 0));
    // The held transactions, then one for b, c and d (one each would be three).
    assertThat(o.commits()).isEqualTo(PollWriter.LANES + 1);
    assertThat(one("SELECT COUNT(*) FROM item WHERE source_id NOT LIKE 'lane-%'")).isEqualTo(8);
    assertThat(one("SELECT last_new FROM source_state WHERE source_id = 'b'"))
        .isEqualTo(3);
    assertThat(one("SELECT last_new FROM source_state WHERE source_id = 'd'"))
        .isEqualTo(1);
    assertThat(one("SELECT COUNT(*) FROM source_state WHERE last_new > 0"
        + " AND source_id NOT LIKE 'lane-%'")).isEqualTo(4);
  }

  @Test
  void aBadPollInASharedWriteFailsAloneAndNothingOfItIsStored() throws Exception {
    // source_id is VARCHAR(64): the bad poll's rows are refused by the server.
    String bad = "s".repeat(65);
    Outcome o = heldThenReleased(poll("a", T0, "1"), List.of(
        poll("b", T0.plusSeconds(1), "1", "2"),
        poll(bad, T0.plusSeconds(2), "1", "2", "3"),
        poll("c", T0.plusSeconds(3), "1")));

    assertThat(o.others().get(0).get()).isEqualTo(new PollCounts(2, 0));
    assertThatThrownBy(() -> o.others().get(1).get())
        .hasCauseInstanceOf(StoreException.class)
        .hasMessageContaining("storing 3 items of " + bad + " failed")
        .hasMessageContaining("source_id");
    assertThat(o.others().get(2).get()).isEqualTo(new PollCounts(1, 0));
    assertThat(one("SELECT COUNT(*) FROM item WHERE source_id IN ('b', 'c')")).isEqualTo(3);
    assertThat(one("SELECT COUNT(*) FROM item WHERE source_id LIKE 'sss%'")).isZero();
    assertThat(one("SELECT COUNT(*) FROM source_state WHERE source_id IN ('b', 'c')"))
        .isEqualTo(2);
  }

  @Test
  void eachPollsItemsHaveTheirStoryWhenItReturnsAlsoInASharedWrite() throws Exception {
    // b and c bring the same story (key 41) in one shared write; d another.
    Outcome o = heldThenReleased(storyPoll("a", T0, Map.of("a-1", 40L)), List.of(
        storyPoll("b", T0.plusSeconds(1), Map.of("b-1", 41L, "b-2", 40L)),
        storyPoll("c", T0.plusSeconds(2), Map.of("c-1", 41L)),
        storyPoll("d", T0.plusSeconds(3), Map.of("d-1", 42L))));
    for (CompletableFuture<PollCounts> f : o.others()) {
      assertThat(f.get().inserted()).isPositive();
    }

    assertThat(one("SELECT COUNT(*) FROM item WHERE story_id IS NULL")).isZero();
    assertThat(one("SELECT COUNT(*) FROM story_pending")).isZero();
    assertThat(one("SELECT COUNT(DISTINCT story_id) FROM item WHERE source_id NOT LIKE 'lane-%'"))
        .isEqualTo(3);
    assertThat(storyOf("b", "b-1")).isEqualTo(storyOf("c", "c-1"));
    assertThat(storyOf("b", "b-2")).isEqualTo(storyOf("a", "a-1"));
    assertThat(storyOf("d", "d-1")).isNotIn(storyOf("a", "a-1"), storyOf("b", "b-1"));
    assertThat(db.stories().inconsistencies()).isZero();
    // The line statistics of all three sources were counted in the shared write.
    assertThat(one("SELECT items FROM source_line_items WHERE source_id = 'b'")).isEqualTo(2);
    assertThat(one("SELECT SUM(items) FROM source_line WHERE source_id IN ('c', 'd')"))
        .isEqualTo(2);
  }

  private long storyOf(String source, String key) {
    String identity = Items.item(key).build().identityHash();
    return db.stories().storiesOf(source, List.of(identity)).get(identity);
  }
}
