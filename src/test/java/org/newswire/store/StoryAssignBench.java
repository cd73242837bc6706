package org.newswire.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

/**
 * Story assignment cost per item (issue 13: with 1,000,000 items stored it stays within 2x of
 * its cost on an empty database). Not a unit test: run through {@code bench/story-assign}.
 * Each measured item is its own poll (the dearest case) with 16 candidate keys; one in four
 * shares keys with a recent item, so candidates are read and judged too. The stored archive is
 * seeded with SQL (items, their stories and 16 index rows each, spread over 90 days and never
 * pruned: the worst case for the index).
 */
public final class StoryAssignBench {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final StoryRules RULES = new StoryRules(Duration.ofHours(72),
      (a, b) -> a.length > 0 && a[0] == b[0] ? OptionalDouble.of(1) : OptionalDouble.empty());

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int stored = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    double empty = run("nwbench_story_empty", 0, items);
    double full = run("nwbench_story_full", stored, items);
    System.out.printf("story assignment: %.3f ms/item empty, %.3f ms/item with %,d items"
        + " stored: ratio %.2f%n", empty, full, stored, full / empty);
  }

  private static double run(String name, int stored, int items) throws Exception {
    DbSettings s = TestDatabases.named(name);
    TestDatabases.drop(s);
    s = TestDatabases.named(name);
    try (Database db = Database.open(s)) {
      if (stored > 0) {
        seed(db, stored);
      }
      SplittableRandom rnd = new SplittableRandom(7);
      long[] recent = new long[64];
      // Warm-up, then the measured polls.
      poll(db, items / 10, rnd, recent, "warm");
      long t0 = System.nanoTime();
      poll(db, items, rnd, recent, "m");
      return (System.nanoTime() - t0) / 1e6 / items;
    } finally {
      TestDatabases.drop(s);
    }
  }

  private static void poll(Database db, int n, SplittableRandom rnd, long[] recent,
      String prefix) {
    for (int i = 0; i < n; i++) {
      long[] keys = new long[16];
      boolean copy = i > 0 && rnd.nextInt(4) == 0;
      long base = copy ? recent[rnd.nextInt(recent.length)] : rnd.nextLong();
      for (int k = 0; k < keys.length; k++) {
        keys[k] = copy && k < 8 ? base + k : rnd.nextLong();
      }
      keys[0] = base;
      recent[i % recent.length] = base;
      FinishedItem item = Items.item(prefix + i).build();
      byte[] evidence = {(byte) (base & 0xff)};
      Instant at = NOW.plusMillis(i);
      db.feeds().recordPoll(new PollWrite(Items.polled("bench" + (i % 50),
          "https://bench.example/rss", at, Optional.empty()), List.of(item),
          Map.of(item.identityHash(), new StoryInput(evidence, keys, new long[] {i % 97})),
          RULES));
    }
  }

  private static void seed(Database db, int stored) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      String ts = "TIMESTAMP '2026-01-01 00:00:00' - INTERVAL (seq % 7776000) SECOND";
      st.execute("INSERT INTO item (source_id, identity_hash, identity_kind, title, content_hash,"
          + " published_at, first_seen_at) SELECT CONCAT('seed', seq % 50),"
          + " SHA2(seq, 256), 'guid', CONCAT('seeded ', seq), 'h', " + ts + ", " + ts
          + " FROM seq_1_to_" + stored);
      st.execute("INSERT INTO story_evidence (item_id, evidence) SELECT id, X'01' FROM item");
      st.execute("INSERT INTO story (first_item_id, first_seen_at, last_item_at, item_count)"
          + " SELECT id, first_seen_at, first_seen_at, 1 FROM item");
      st.execute("UPDATE item i JOIN story s ON s.first_item_id = i.id SET i.story_id = s.id");
      st.execute("INSERT INTO story_key (key_hash, seen_at, item_id)"
          + " SELECT CAST(CONV(LEFT(SHA2(CONCAT(i.id, '-', k.seq), 256), 15), 16, 10) AS SIGNED),"
          + " i.first_seen_at, i.id"
          + " FROM item i JOIN seq_1_to_16 k");
    }
  }
}
