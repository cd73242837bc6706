package org.newswire.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.newswire.config.DbSettings;
import org.newswire.store.Database;
import org.newswire.store.FeedStore;
import org.newswire.store.StoryStore;
import org.newswire.store.TestDatabases;

/**
 * Client CPU of a changed poll's two list reads, on one thread: the known items of 50 entries
 * ({@link FeedStore#knownItems}) and the line statistics of 120 lines ({@link
 * StoryStore#lineCounts}), 3,000 of each per round, against a fresh scratch database (the server
 * of {@code NEWSWIRE_TEST_DB_URL}, else an embedded one). Run by hand (BENCHMARKS.md):
 * {@code java -cp target/classes:target/test-classes:CLASSPATH org.newswire.bench.ReadSpeed}.
 */
public final class ReadSpeed {
  private ReadSpeed() {}

  public static void main(String[] args) {
    DbSettings settings = TestDatabases.createFresh();
    try (Database db = Database.open(settings)) {
      FeedStore feeds = db.feeds();
      StoryStore stories = db.stories();
      List<String> identities = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        identities.add(String.format("%064x", i * 7919L));
      }
      long[] lines = new long[120];
      for (int i = 0; i < lines.length; i++) {
        lines[i] = i * 1_000_003L;
      }
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      int reads = 3000;
      for (int round = 1; round <= 5; round++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < reads; i++) {
          feeds.knownItems("kabar-" + (i % 20), identities);
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < reads; i++) {
          stories.lineCounts("kabar-" + (i % 20), lines);
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        System.out.printf("round %d: known items %.1f us, line statistics %.1f us client CPU"
            + " per read%n", round, (t1 - t0) / 1e3 / reads, (t2 - t1) / 1e3 / reads);
      }
    } finally {
      TestDatabases.drop(settings);
    }
  }
}
