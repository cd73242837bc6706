package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;

/**
 * Placement in stories through the real write paths, with a judge that calls two items one
 * story when their evidence bytes are equal (the matching itself is dedup's, tested there and
 * in ingest): the key index, the window, atomic placement across two pools, moves, retention.
 */
class StoryPlacementTest {
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final StoryRules RULES = new StoryRules(Duration.ofHours(72),
      (a, b) -> java.util.Arrays.equals(a, b) ? OptionalDouble.of(1) : OptionalDouble.empty());

  private static DbSettings settings;
  private static Database db;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static StoryInput story(String text, long... keys) {
    return new StoryInput(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), keys,
        new long[] {text.hashCode()});
  }

  private static void poll(FeedStore store, String source, Instant at, Map<org.newswire.model.FinishedItem, StoryInput> in) {
    Map<String, StoryInput> byId = new java.util.HashMap<>();
    in.forEach((i, s) -> byId.put(i.identityHash(), s));
    store.recordPoll(new PollWrite(Items.polled(source, "https://" + source + ".example/rss", at,
        java.util.Optional.empty()), List.copyOf(in.keySet()), byId, RULES));
  }

  private static long storyOf(String source, String key) {
    String identity = Items.item(key).build().identityHash();
    return db.stories().storiesOf(source, List.of(identity)).get(identity);
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aCopySharingAKeyJoinsWithinTheWindowOnly() throws SQLException {
    org.newswire.model.FinishedItem a = Items.item("w-a").build();
    org.newswire.model.FinishedItem b = Items.item("w-b").build();
    org.newswire.model.FinishedItem c = Items.item("w-c").build();
    org.newswire.model.FinishedItem d = Items.item("w-d").build();
    poll(db.feeds(), "kabar", T0, Map.of(a, story("выборы", 11, 12)));
    poll(db.feeds(), "akipress", T0.plus(Duration.ofHours(2)), Map.of(b, story("выборы", 12, 13)));
    // Same evidence but no shared key: never a candidate.
    poll(db.feeds(), "24kg", T0.plus(Duration.ofHours(3)), Map.of(c, story("выборы", 14)));
    // Shared key, but past the window.
    poll(db.feeds(), "sputnik", T0.plus(Duration.ofHours(80)), Map.of(d, story("выборы", 11)));
    long s = storyOf("kabar", "w-a");
    assertThat(storyOf("akipress", "w-b")).isEqualTo(s);
    assertThat(storyOf("24kg", "w-c")).isNotEqualTo(s);
    assertThat(storyOf("sputnik", "w-d")).isNotEqualTo(s);
    assertThat(count("SELECT item_count FROM story WHERE id = " + s)).isEqualTo(2);
    assertThat(count("SELECT first_item_id FROM story WHERE id = " + s))
        .isEqualTo(count("SELECT id FROM item WHERE guid = 'guid-w-a'"));
    assertThat(db.stories().inconsistencies()).isZero();

    // Housekeeping at d's time drops the index rows of the items seen before the window only.
    assertThat(db.stories().prune(T0.plus(Duration.ofHours(80)), Duration.ofHours(72)))
        .isGreaterThanOrEqualTo(5);
    String rowsOf = "SELECT COUNT(*) FROM story_key k JOIN item i ON i.id = k.item_id"
        + " WHERE i.guid ";
    assertThat(count(rowsOf + "IN ('guid-w-a', 'guid-w-b', 'guid-w-c')")).isZero();
    assertThat(count(rowsOf + "= 'guid-w-d'")).isEqualTo(1);
    // Their evidence goes with them: the table holds the window, not the archive.
    String evidenceOf = "SELECT COUNT(*) FROM story_evidence e JOIN item i ON i.id = e.item_id"
        + " WHERE i.guid ";
    assertThat(count(evidenceOf + "IN ('guid-w-a', 'guid-w-b', 'guid-w-c')")).isZero();
    assertThat(count(evidenceOf + "= 'guid-w-d'")).isEqualTo(1);
  }

  @Test
  void itemsOfOnePollFindEachOtherAndDifferentOnesStayApart() {
    org.newswire.model.FinishedItem a = Items.item("p-a").build();
    org.newswire.model.FinishedItem b = Items.item("p-b").build();
    org.newswire.model.FinishedItem c = Items.item("p-c").build();
    Map<org.newswire.model.FinishedItem, StoryInput> in = new java.util.LinkedHashMap<>();
    in.put(a, story("паводок", 21));
    in.put(b, story("паводок", 21, 22));
    in.put(c, story("другое", 21));
    poll(db.feeds(), "kabar", T0, in);
    assertThat(storyOf("kabar", "p-b")).isEqualTo(storyOf("kabar", "p-a"));
    assertThat(storyOf("kabar", "p-c")).isNotEqualTo(storyOf("kabar", "p-a"));
  }

  @Test
  void theChangeLogHoldsAnItemOnceItIsPlacedAndOnceForEachLaterChange() throws SQLException {
    org.newswire.model.FinishedItem a = Items.item("c-a").build();
    org.newswire.model.FinishedItem b = Items.item("c-b").build();
    org.newswire.model.FinishedItem c = Items.item("c-c").build();
    Map<org.newswire.model.FinishedItem, StoryInput> in = new java.util.LinkedHashMap<>();
    in.put(a, story("сель", 81)); // queued, placed after the poll's transaction
    in.put(b, story("сель", 81)); // joins a's story
    in.put(c, story("сель", 81).alone()); // a story of its own in the poll's transaction
    poll(db.feeds(), "kabar", T0, in);
    String ids = "SELECT id FROM item WHERE guid IN ('guid-c-a', 'guid-c-b', 'guid-c-c')";
    String logged = "SELECT COUNT(*) FROM item_change WHERE item_id IN (" + ids + ")";
    assertThat(count(logged)).isEqualTo(3);
    // What the search follower reads for those entries: every item placed, none waiting.
    List<Long> itemIds = List.of(count(ids + " AND guid = 'guid-c-a'"),
        count(ids + " AND guid = 'guid-c-b'"), count(ids + " AND guid = 'guid-c-c'"));
    ItemChanges.Found found = db.changes().items(itemIds);
    assertThat(found.waiting()).isEmpty();
    assertThat(found.placed()).hasSize(3);
    // An edit is a change to search: one entry more, for that item.
    org.newswire.model.FinishedItem edited = Items.item("c-a").contentHash("h2")
        .title("Сель сошёл на трассу Бишкек — Ош").build();
    poll(db.feeds(), "kabar", T0.plusSeconds(60), Map.of(edited, story("сель", 81)));
    assertThat(count(logged)).isEqualTo(4);
    assertThat(count("SELECT COUNT(*) FROM item_change WHERE item_id = " + itemIds.get(0)))
        .isEqualTo(2);
  }

  @Test
  void lineStatisticsCountEachSourcesItemsAndTheItemsWithEachLine() {
    long line = "Подписывайтесь на наш канал".hashCode();
    poll(db.feeds(), "lines-kabar", T0, Map.of(Items.item("ls-a").build(),
        story("Подписывайтесь на наш канал", 91)));
    poll(db.feeds(), "lines-kabar", T0.plusSeconds(60), Map.of(Items.item("ls-b").build(),
        story("Подписывайтесь на наш канал", 92)));
    poll(db.feeds(), "lines-akipress", T0, Map.of(Items.item("ls-c").build(),
        story("Другая строка", 93)));
    StoryStore.LineCounts kabar = db.stories().lineCounts("lines-kabar", new long[] {line, 7});
    assertThat(kabar.items()).isEqualTo(2);
    assertThat(kabar.itemsWithLine(line)).isEqualTo(2);
    assertThat(kabar.itemsWithLine(7)).isZero();
    assertThat(db.stories().lineCounts("lines-kabar", new long[0]).items()).isEqualTo(2);
    StoryStore.LineCounts akipress = db.stories().lineCounts("lines-akipress",
        new long[] {line});
    assertThat(akipress.items()).isEqualTo(1);
    assertThat(akipress.withLine()).isEmpty();
    StoryStore.LineCounts unknown = db.stories().lineCounts("lines-nobody", new long[] {line});
    assertThat(unknown.items()).isZero();
    assertThat(unknown.withLine()).isEmpty();
  }

  @Test
  void theStoryIndexIsMeasuredAgainstTheBufferPoolItIsReadThrough() throws SQLException {
    poll(db.feeds(), "fit-kabar", T0, Map.of(Items.item("fit-a").build(),
        story("Наводнение в Оше", 101, 102)));
    StoryStore.IndexFit fit = db.feeds().storyIndexFit();
    assertThat(fit.bufferPoolBytes()).isEqualTo(count("SELECT @@innodb_buffer_pool_size"));
    // Both tables count: more than the key rows' table alone.
    assertThat(fit.indexBytes()).isGreaterThan(count("SELECT data_length + index_length"
        + " FROM information_schema.TABLES WHERE table_schema = DATABASE()"
        + " AND table_name = 'story_key'"));
    assertThat(fit.warning(Duration.ofHours(72))).isEmpty();

    assertThat(new StoryStore.IndexFit(1900L << 20, 128L << 20).warning(Duration.ofHours(72)))
        .hasValueSatisfying(w -> assertThat(w).contains("last 72 h", "1,900 MiB",
            "buffer pool of 128 MiB", "innodb_buffer_pool_size", "db.buffer_pool_size"));
    assertThat(new StoryStore.IndexFit(90L << 20, 128L << 20).warning(Duration.ofMinutes(90)))
        .isEmpty();
    assertThat(new StoryStore.IndexFit(200L << 20, 128L << 20).warning(Duration.ofMinutes(90)))
        .hasValueSatisfying(w -> assertThat(w).contains("last 90 min", "200 MiB"));
    assertThat(new StoryStore.IndexFit(200L << 20, 128L << 20).warning(Duration.ofSeconds(90)))
        .hasValueSatisfying(w -> assertThat(w).contains("last 90 s"));
  }

  @Test
  void aPlacementReadsOnlyItsOwnQueueRowsWhileOtherPlacementsHoldTheirs() throws Exception {
    // Other placements in progress: four times this poll's items queued, one of them locked by
    // an open transaction, as a placement locks its items' rows until it commits.
    long others = 900_000_000L;
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 240; i++) {
      rows.append(i == 0 ? "" : ", ").append("(").append(others + i).append(", UTC_TIMESTAMP(6))");
    }
    execute("INSERT INTO story_pending (item_id, queued_at) VALUES " + rows);
    Map<org.newswire.model.FinishedItem, StoryInput> in = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 60; i++) {
      in.put(Items.item("queued-" + i).build(), story("queued " + i, 5_000 + i));
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection holder = db.dataSource().getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeQuery("SELECT item_id FROM story_pending WHERE item_id = " + (others + 120)
            + " FOR UPDATE").close();
        // Reading the queue whole, the placement would wait for that row (and be given up).
        pool.submit(() -> poll(db.feeds(), "akipress", T0, in)).get(20,
            java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        holder.rollback();
      }
    } finally {
      pool.shutdownNow();
      execute("DELETE FROM story_pending WHERE item_id >= " + others);
    }
    List<String> identities = in.keySet().stream()
        .map(org.newswire.model.FinishedItem::identityHash).toList();
    assertThat(db.stories().storiesOf("akipress", identities)).as("placed items").hasSize(60);
    assertThat(count("SELECT COUNT(*) FROM story_pending")).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void anItemWithoutKeysIsAloneAndNeverACandidate() {
    org.newswire.model.FinishedItem a = Items.item("n-a").build();
    org.newswire.model.FinishedItem b = Items.item("n-b").build();
    org.newswire.model.FinishedItem c = Items.item("n-c").build();
    poll(db.feeds(), "kabar", T0, Map.of(a, story("курултай", 31)));
    // stories: false: evidence kept, keys dropped.
    poll(db.feeds(), "private", T0.plusSeconds(60), Map.of(b, story("курултай", 31).alone()));
    poll(db.feeds(), "akipress", T0.plusSeconds(120), Map.of(c, story("курултай", 31)));
    assertThat(storyOf("private", "n-b")).isNotIn(storyOf("kabar", "n-a"));
    assertThat(storyOf("akipress", "n-c")).isEqualTo(storyOf("kabar", "n-a"));
  }

  @Test
  void anArticleThatMovesAnItemLeavesItsOldStoryConsistent() throws SQLException {
    org.newswire.model.FinishedItem a = Items.item("m-a").build();
    org.newswire.model.FinishedItem b = Items.item("m-b").build();
    org.newswire.model.FinishedItem c = Items.item("m-c").build();
    poll(db.feeds(), "kabar", T0, Map.of(a, story("тизер", 41)));
    poll(db.feeds(), "akipress", T0.plusSeconds(60), Map.of(b, story("тизер", 41)));
    poll(db.feeds(), "24kg", T0.plusSeconds(120), Map.of(c, story("полный текст", 42)));
    long old = storyOf("kabar", "m-a");
    assertThat(storyOf("akipress", "m-b")).isEqualTo(old);
    long itemA = count("SELECT id FROM item WHERE guid = 'guid-m-a'");
    // a was the old story's first item; its article shows it is c's story.
    db.stories().replace(itemA, story("полный текст", 42), RULES, T0.plusSeconds(300));
    assertThat(storyOf("kabar", "m-a")).isEqualTo(storyOf("24kg", "m-c"));
    long itemB = count("SELECT id FROM item WHERE guid = 'guid-m-b'");
    assertThat(count("SELECT first_item_id FROM story WHERE id = " + old)).isEqualTo(itemB);
    assertThat(count("SELECT item_count FROM story WHERE id = " + old)).isEqualTo(1);
    // b's article tells another story still: b leaves, its emptied story goes.
    db.stories().replace(itemB, story("полный текст", 42), RULES, T0.plusSeconds(400));
    assertThat(count("SELECT COUNT(*) FROM story WHERE id = " + old)).isZero();
    assertThat(count("SELECT item_count FROM story WHERE id = " + storyOf("24kg", "m-c")))
        .isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM story_key WHERE item_id = " + itemA + " AND key_hash = 41"))
        .isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void twoPoolsStoringTwoCopiesAtOnceMakeOneStory() throws Exception {
    DbSettings s2 = new DbSettings(settings.url(), settings.user(), settings.password(),
        settings.dataDir(), 4);
    try (Database other = Database.open(s2)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 30; round++) {
          long key = 1000 + round;
          String text = "round " + round;
          org.newswire.model.FinishedItem a = Items.item("race-a-" + round).build();
          org.newswire.model.FinishedItem b = Items.item("race-b-" + round).build();
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<?>> done = new ArrayList<>();
          done.add(pool.submit(() -> {
            start.await();
            poll(db.feeds(), "kabar", T0, Map.of(a, story(text, key, key + 500)));
            return null;
          }));
          done.add(pool.submit(() -> {
            start.await();
            poll(other.feeds(), "sputnik", T0, Map.of(b, story(text, key + 500, key)));
            return null;
          }));
          for (Future<?> f : done) {
            f.get();
          }
          assertThat(storyOf("sputnik", "race-b-" + round)).as("round " + round)
              .isEqualTo(storyOf("kabar", "race-a-" + round));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void retentionDeletesAStorysItemsWithoutOrphansOrIndexRows() throws SQLException {
    Instant old = Instant.parse("2020-01-01T00:00:00Z");
    org.newswire.model.FinishedItem a = Items.item("r-a").published(old).build();
    org.newswire.model.FinishedItem b = Items.item("r-b").published(old.plusSeconds(60)).build();
    org.newswire.model.FinishedItem c = Items.item("r-c").published(T0).build();
    poll(db.feeds(), "kabar", old, Map.of(a, story("архив", 51)));
    poll(db.feeds(), "akipress", old.plusSeconds(60), Map.of(b, story("архив", 51)));
    poll(db.feeds(), "24kg", old.plusSeconds(120), Map.of(c, story("архив", 51)));
    long s = storyOf("kabar", "r-a");
    assertThat(storyOf("24kg", "r-c")).isEqualTo(s);
    long itemC = count("SELECT id FROM item WHERE guid = 'guid-r-c'");
    while (db.feeds().deleteOlderThan(old.plus(Duration.ofDays(1)), 1, T0) > 0) {
      // one item per batch: the story loses its first item, then its second
    }
    assertThat(count("SELECT first_item_id FROM story WHERE id = " + s)).isEqualTo(itemC);
    assertThat(count("SELECT item_count FROM story WHERE id = " + s)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM story_key k LEFT JOIN item i ON i.id = k.item_id"
        + " WHERE i.id IS NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM story_evidence e LEFT JOIN item i"
        + " ON i.id = e.item_id WHERE i.id IS NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM story_evidence e JOIN item i ON i.id = e.item_id"
        + " WHERE i.guid = 'guid-r-c'")).isOne();
    db.purge().deleteItems("24kg", 10, T0);
    assertThat(count("SELECT COUNT(*) FROM story WHERE id = " + s)).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
    // Housekeeping: index rows past their window go.
    assertThat(db.stories().prune(T0.plus(Duration.ofDays(365)), Duration.ofHours(72)))
        .isPositive();
    assertThat(count("SELECT COUNT(*) FROM story_key")).isZero();
    assertThat(count("SELECT COUNT(*) FROM story_evidence")).isZero();
    assertThat(count("SELECT COUNT(*) FROM story_pending")).isZero();
  }

  @Test
  void aPollThatBeganFirstButStoresLastFindsTheCopyStoredMeanwhile() {
    org.newswire.model.FinishedItem fast = Items.item("o-fast").build();
    org.newswire.model.FinishedItem slow = Items.item("o-slow").build();
    // The slow agency's poll began a second earlier; its copy is stored after the other's.
    poll(db.feeds(), "akipress", T0.plusSeconds(1), Map.of(fast, story("сель", 91)));
    poll(db.feeds(), "kabar", T0, Map.of(slow, story("сель", 91)));
    assertThat(storyOf("kabar", "o-slow")).isEqualTo(storyOf("akipress", "o-fast"));
  }

  @Test
  void anItemWhosePlacementWasLostIsPlacedByALaterOne() throws SQLException {
    org.newswire.model.FinishedItem a = Items.item("l-a").build();
    org.newswire.model.FinishedItem b = Items.item("l-b").build();
    org.newswire.model.FinishedItem c = Items.item("l-c").build();
    poll(db.feeds(), "kabar", T0, Map.of(a, story("обвал", 71)));
    poll(db.feeds(), "akipress", T0.plusSeconds(10), Map.of(b, story("обвал", 71)));
    long itemB = count("SELECT id FROM item WHERE guid = 'guid-l-b'");
    long s = storyOf("kabar", "l-a");
    assertThat(storyOf("akipress", "l-b")).isEqualTo(s);
    losePlacement(itemB, s, "UTC_TIMESTAMP(6)");
    assertThat(db.stories().inconsistencies()).isEqualTo(1);
    // Under a minute later, another placement leaves it to its own (it may be running).
    poll(db.feeds(), "24kg", T0.plusSeconds(30), Map.of(c, story("другое", 72)));
    assertThat(count("SELECT COUNT(*) FROM story_pending WHERE item_id = " + itemB)).isOne();
    execute("UPDATE story_pending SET queued_at = UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE");
    poll(db.feeds(), "24kg", T0.plusSeconds(300),
        Map.of(Items.item("l-d").build(), story("третье", 73)));
    assertThat(storyOf("akipress", "l-b")).isEqualTo(s);
    assertThat(count("SELECT item_count FROM story WHERE id = " + s)).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM story_pending")).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void lostPlacementsAreLookedForOnceEveryFifteenSecondsOfPollTimeNotAfterEachPoll()
      throws SQLException {
    Instant t = T0.plus(Duration.ofDays(400));
    org.newswire.model.FinishedItem a = Items.item("s-a").build();
    org.newswire.model.FinishedItem b = Items.item("s-b").build();
    poll(db.feeds(), "kabar", t, Map.of(a, story("оползень", 94)));
    poll(db.feeds(), "akipress", t.plusSeconds(1), Map.of(b, story("оползень", 94)));
    long itemB = count("SELECT id FROM item WHERE guid = 'guid-s-b'");
    long s = storyOf("kabar", "s-a");
    assertThat(storyOf("akipress", "s-b")).isEqualTo(s);
    losePlacement(itemB, s, "UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE");
    // Lost over a minute ago, but the last look was under 15 s of poll time ago.
    poll(db.feeds(), "24kg", t.plusSeconds(14),
        Map.of(Items.item("s-c").build(), story("другое", 95)));
    assertThat(count("SELECT COUNT(*) FROM story_pending WHERE item_id = " + itemB)).isOne();
    poll(db.feeds(), "24kg", t.plusSeconds(16),
        Map.of(Items.item("s-d").build(), story("третье", 96)));
    assertThat(count("SELECT COUNT(*) FROM story_pending")).isZero();
    assertThat(storyOf("akipress", "s-b")).isEqualTo(s);
    assertThat(count("SELECT item_count FROM story WHERE id = " + s)).isEqualTo(2);
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void moreLostPlacementsThanOneLookPlacesAreLookedForAgainAtTheNextPoll() throws SQLException {
    Instant t = T0.plus(Duration.ofDays(500));
    Map<org.newswire.model.FinishedItem, StoryInput> many = new java.util.LinkedHashMap<>();
    int lost = StoryPlacer.LEFT_OVER_BATCH + 10;
    for (int i = 0; i < lost; i++) {
      many.put(Items.item("b-" + i).build(), story("сюжет " + i, 5000 + i));
    }
    poll(db.feeds(), "kabar", t, many);
    // A crash after storing them all, before any was placed.
    String ids = "SELECT id FROM item WHERE guid LIKE 'guid-b-%'";
    execute("DELETE FROM story WHERE first_item_id IN (" + ids + ")");
    execute("UPDATE item SET story_id = NULL WHERE guid LIKE 'guid-b-%'");
    execute("INSERT INTO story_pending (item_id, queued_at) SELECT id,"
        + " UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE FROM item WHERE guid LIKE 'guid-b-%'");
    poll(db.feeds(), "24kg", t.plusSeconds(16),
        Map.of(Items.item("b-next").build(), story("другое", 4999)));
    assertThat(count("SELECT COUNT(*) FROM story_pending")).isEqualTo(10);
    // One second later: the look found a full batch, so this poll looks again.
    poll(db.feeds(), "24kg", t.plusSeconds(17),
        Map.of(Items.item("b-last").build(), story("третье", 4998)));
    assertThat(count("SELECT COUNT(*) FROM story_pending")).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void anEditedItemIsPlacedAgainWithItsNewText() throws SQLException {
    org.newswire.model.FinishedItem a = Items.item("e-a").build();
    org.newswire.model.FinishedItem b = Items.item("e-b").contentHash("v1").build();
    poll(db.feeds(), "kabar", T0, Map.of(a, story("наводнение в Оше", 81)));
    poll(db.feeds(), "akipress", T0.plusSeconds(60), Map.of(b, story("молния", 82)));
    assertThat(storyOf("akipress", "e-b")).isNotEqualTo(storyOf("kabar", "e-a"));
    long firstOfB = storyOf("akipress", "e-b");
    // The agency rewrote its placeholder into the story itself.
    org.newswire.model.FinishedItem edited = Items.item("e-b").contentHash("v2").build();
    poll(db.feeds(), "akipress", T0.plusSeconds(600),
        Map.of(edited, story("наводнение в Оше", 81)));
    assertThat(storyOf("akipress", "e-b")).isEqualTo(storyOf("kabar", "e-a"));
    assertThat(count("SELECT COUNT(*) FROM story WHERE id = " + firstOfB)).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void anArticleForAnItemStillQueuedReplacesTheKeysItWasStoredWith() throws SQLException {
    // Under the retention test's prune horizon, so its "no rows left" checks hold in any order.
    Instant t = T0.plus(Duration.ofDays(300));
    // The article came before the poll's own placement ran.
    long item = storedStillQueued("q-a", t, 6001, 6002);
    db.stories().replace(item, story("полный текст", 6003), RULES, t.plusSeconds(5));
    assertKeysReplaced(item, "6001, 6002", 6003);
  }

  @Test
  void anEditOfAnItemStillQueuedReplacesTheKeysItWasStoredWith() throws SQLException {
    Instant t = T0.plus(Duration.ofDays(310)); // as above
    // Its placement lost, or another daemon's still running.
    long item = storedStillQueued("q-e", t, 6101, 6102);
    poll(db.feeds(), "kabar", t.plusSeconds(60),
        Map.of(Items.item("q-e").contentHash("v2").build(), story("полный текст", 6103)));
    assertKeysReplaced(item, "6101, 6102", 6103);
  }

  @Test
  void anArticleQueuedWhileThePollsOwnPlacementPlannedIsPlacedByItsText() throws SQLException {
    // Long before the other tests' items: housekeeping finds the window's first item by a
    // binary search over ids, which assumes ids follow first-seen times.
    Instant t = T0.minus(Duration.ofDays(400));
    poll(db.feeds(), "24kg", t, Map.of(Items.item("z-c").build(), story("полный текст", 6203)));
    long item = storedStillQueued("z-a", t.plusSeconds(60), 6201);
    // What the poll's placement holds in memory: the item as the poll queued it.
    var asPolled = new StoryPlacer.Pending(item, t.plusSeconds(60), java.util.Optional.empty(),
        story("тизер", 6201));
    // The article's transaction commits (new evidence and keys, queued again) before that
    // placement locks the item's queue row; the article's own placement runs after it.
    StoryInput article = story("полный текст", 6203);
    db.dsl().transaction(cfg -> StoryPlacer.queue(cfg.dsl(), List.of(new StoryPlacer.Pending(
        item, t.plusSeconds(60), java.util.Optional.empty(), article)), java.util.Set.of(item)));
    StoryPlacer.placeQueued(db.dsl(), List.of(asPolled), RULES, t.plusSeconds(90), t.plusSeconds(90), false);
    StoryPlacer.placeQueued(db.dsl(), List.of(new StoryPlacer.Pending(item, t.plusSeconds(60),
        java.util.Optional.empty(), article)), RULES, t.plusSeconds(90), t.plusSeconds(90), false);
    assertThat(storyOf("kabar", "z-a")).isEqualTo(storyOf("24kg", "z-c"));
    assertThat(count("SELECT COUNT(*) FROM story_pending WHERE item_id = " + item)).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void aQueuedCandidateWhoseArticleArrivedAfterItWasJudgedIsNotTakenByItsOldText()
      throws SQLException {
    Instant t = T0.minus(Duration.ofDays(410)); // as above
    // X: stored, its own placement not run yet (another daemon's, still going).
    long x = storedStillQueued("c-x", t, 7001);
    StoryInput article = story("полный текст", 7002);
    java.util.concurrent.atomic.AtomicBoolean arrived =
        new java.util.concurrent.atomic.AtomicBoolean();
    // While Y's placement judges X (no lock held), X's article commits.
    StoryRules racing = new StoryRules(Duration.ofHours(72), (a, b) -> {
      if (arrived.compareAndSet(false, true)) {
        db.dsl().transaction(cfg -> StoryPlacer.queue(cfg.dsl(), List.of(
            new StoryPlacer.Pending(x, t, java.util.Optional.empty(), article)),
            java.util.Set.of(x)));
      }
      return java.util.Arrays.equals(a, b) ? OptionalDouble.of(1) : OptionalDouble.empty();
    }, java.time.Clock.systemUTC());
    org.newswire.model.FinishedItem y = Items.item("c-y").build();
    db.feeds().recordPoll(new PollWrite(Items.polled("akipress", "https://akipress.example/rss",
        t.plusSeconds(30), java.util.Optional.empty()), List.of(y),
        Map.of(y.identityHash(), story("тизер", 7001)), racing));
    assertThat(arrived).isTrue();
    // X's own placement, with its article.
    StoryPlacer.placeQueued(db.dsl(), List.of(new StoryPlacer.Pending(x, t,
        java.util.Optional.empty(), article)), RULES, t.plusSeconds(60), t.plusSeconds(60), false);
    assertThat(storyOf("kabar", "c-x")).as("X placed by its article, not Y's teaser")
        .isNotEqualTo(storyOf("akipress", "c-y"));
    assertThat(count("SELECT COUNT(*) FROM story_pending WHERE item_id = " + x)).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  @Test
  void anItemTakenByAnotherPlacementMeanwhileLeavesTheRestOfTheBatchPlacedAsPlanned()
      throws SQLException {
    Instant t = T0.minus(Duration.ofDays(420)); // as above
    // Same story: the same first four bytes (one story per prefix).
    StoryRules.Judge prefix = (a, b) -> java.util.Arrays.equals(a, 0, 4, b, 0, 4)
        ? OptionalDouble.of(1) : OptionalDouble.empty();
    poll(db.feeds(), "24kg", t, Map.of(Items.item("k-c").build(), story("gamm c", 8103)));
    // Stored, none placed yet: x1 and x2 tell one story (x2 shares a key with x1 only), x3 and
    // x4 another; w, another daemon's, tells x1's and shares a key with x1 only.
    long x1 = storedStillQueued("k-x1", t.plusSeconds(1), "beta 1", 8101, 8102);
    long x2 = storedStillQueued("k-x2", t.plusSeconds(2), "beta 2", 8102);
    long x3 = storedStillQueued("k-x3", t.plusSeconds(3), "alph 3", 8103);
    long x4 = storedStillQueued("k-x4", t.plusSeconds(4), "alph 4", 8103);
    long w = storedStillQueued("k-w", t.plusSeconds(5), "beta w", 8101);
    java.util.concurrent.atomic.AtomicInteger judged =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean taken =
        new java.util.concurrent.atomic.AtomicBoolean();
    byte[] x2Text = "beta 2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // While the batch is judged (x2 against x1 comes last of its plan), w's placement takes x1.
    StoryRules counting = new StoryRules(Duration.ofHours(72), (a, b) -> {
      judged.incrementAndGet();
      if (java.util.Arrays.equals(a, x2Text) && taken.compareAndSet(false, true)) {
        StoryPlacer.placeQueued(db.dsl(), List.of(pending(w, t.plusSeconds(5), "beta w", 8101)),
            new StoryRules(Duration.ofHours(72), prefix), t.plusSeconds(60), t.plusSeconds(60),
            false);
      }
      return prefix.same(a, b);
    }, java.time.Clock.systemUTC());
    StoryPlacer.placeQueued(db.dsl(), List.of(
        pending(x1, t.plusSeconds(1), "beta 1", 8101, 8102),
        pending(x2, t.plusSeconds(2), "beta 2", 8102),
        pending(x3, t.plusSeconds(3), "alph 3", 8103),
        pending(x4, t.plusSeconds(4), "alph 4", 8103)), counting, t.plusSeconds(60),
        t.plusSeconds(60), false);
    assertThat(taken).isTrue();
    assertThat(storyOf("kabar", "k-x1")).as("x1 with w").isEqualTo(storyOf("kabar", "k-w"));
    assertThat(storyOf("kabar", "k-x2")).as("x2 follows x1").isEqualTo(storyOf("kabar", "k-x1"));
    assertThat(storyOf("kabar", "k-x4")).as("x4 with x3").isEqualTo(storyOf("kabar", "k-x3"))
        .isNotIn(storyOf("kabar", "k-x1"), storyOf("24kg", "k-c"));
    // The plan judged x1-w, x3-c, x4-c, x2-x1, x4-x3; only x2 was planned again (x2-x1).
    // Planning all held items again would judge x3 and x4 again too (four more).
    assertThat(judged).hasValue(6);
    assertThat(count("SELECT COUNT(*) FROM story_pending WHERE item_id IN (" + x1 + ", " + x2
        + ", " + x3 + ", " + x4 + ", " + w + ")")).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  private static StoryPlacer.Pending pending(long item, Instant seen, String text, long... keys) {
    return new StoryPlacer.Pending(item, seen, java.util.Optional.empty(), story(text, keys));
  }

  /** An item of Kabar stored with {@code keys} and still queued, in no story yet; its id. */
  private static long storedStillQueued(String key, Instant at, long... keys)
      throws SQLException {
    return storedStillQueued(key, at, "тизер", keys);
  }

  /** {@link #storedStillQueued(String, Instant, long...)} with evidence {@code text}. */
  private static long storedStillQueued(String key, Instant at, String text, long... keys)
      throws SQLException {
    poll(db.feeds(), "kabar", at, Map.of(Items.item(key).build(), story(text, keys)));
    long item = count("SELECT id FROM item WHERE guid = 'guid-" + key + "'");
    long s = storyOf("kabar", key);
    execute("UPDATE item SET story_id = NULL WHERE id = " + item);
    execute("DELETE FROM story WHERE id = " + s);
    execute("INSERT INTO story_pending (item_id, queued_at) VALUES (" + item
        + ", UTC_TIMESTAMP(6))");
    return item;
  }

  private static void assertKeysReplaced(long item, String oldKeys, long newKey)
      throws SQLException {
    assertThat(count("SELECT COUNT(*) FROM story_key WHERE item_id = " + item
        + " AND key_hash IN (" + oldKeys + ")")).isZero();
    assertThat(count("SELECT COUNT(*) FROM story_key WHERE item_id = " + item
        + " AND key_hash = " + newKey)).isOne();
    assertThat(count("SELECT COUNT(*) FROM story_pending WHERE item_id = " + item)).isZero();
    assertThat(db.stories().inconsistencies()).isZero();
  }

  /**
   * What a crash between storing an item and placing it leaves: the item stored, indexed and
   * queued (at {@code queuedAt}, SQL), its story without it.
   */
  private static void losePlacement(long item, long story, String queuedAt) throws SQLException {
    execute("UPDATE item SET story_id = NULL WHERE id = " + item);
    execute("UPDATE story SET item_count = 1 WHERE id = " + story);
    execute("INSERT INTO story_pending (item_id, queued_at) VALUES (" + item + ", " + queuedAt
        + ")");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
