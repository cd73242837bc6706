package org.newswire.search;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.newswire.store.ItemChanges;

/**
 * The search index's cost per item in steady polling, where items arrive a few at a time and
 * each refresh makes the few since the last one searchable (a new segment, merged later): the
 * process's CPU (writer, refresh and merge threads) per item indexed, with the daemon's writer
 * settings, for a few refresh cadences (450 items a refresh: one per commit, as a search-idle
 * index at 90 items a second). Compound files off made no difference here. Not a test;
 * BENCHMARKS.md has the command and figures:
 * {@code java -cp target/classes:target/test-classes:CP org.newswire.search.RefreshSpeed
 * ../shared/stories/stream.jsonl [seed-items] [items-per-refresh,...] [items-per-commit]}; with
 * items per refresh equal to items per commit, a search-idle index committing at that rate.
 */
public final class RefreshSpeed {
  private RefreshSpeed() {}

  public static void main(String[] args) throws IOException {
    List<String> texts = AnalyzerSpeed.texts(Path.of(args[0]));
    int seed = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int[] cadences = args.length > 2
        ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {45, 90, 450};
    // The index commits every 5 s: 450 items at 90 a second. 0: a commit per refresh, and no
    // refresh of its own (a search-idle index).
    int commits = args.length > 3 ? Integer.parseInt(args[3]) : 450;
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    for (int round = 0; round < 3; round++) {
      for (int perRefresh : cadences) {
        int perCommit = commits > 0 ? commits : perRefresh;
        Path dir = Files.createTempDirectory("refresh-speed");
        IndexWriterConfig config = SearchIndex.writerConfig(false);
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, config)) {
          long id = 0;
          Instant t = Instant.parse("2026-11-01T00:00:00Z");
          for (; id < seed; id++) {
            w.addDocument(IndexSchema.document(item(id, t, texts)));
          }
          w.commit();
          SearcherManager searchers = new SearcherManager(w, null);
          long items = args.length > 4 ? Long.parseLong(args[4]) : 20_000;
          long cpu = os.getProcessCpuTime();
          long wall = System.nanoTime();
          for (long k = 0; k < items; k++, id++) {
            w.updateDocument(IndexSchema.key(id), IndexSchema.document(item(id, t, texts)));
            if ((k + 1) % perRefresh == 0) {
              if (perRefresh != perCommit) {
                searchers.maybeRefreshBlocking();
              }
              if ((k + 1) % perCommit == 0) {
                w.setLiveCommitData(Map.of("seq", Long.toString(id)).entrySet());
                w.commit();
              }
            }
          }
          w.commit();
          searchers.close();
          w.close();
          double perItem = (os.getProcessCpuTime() - cpu) / 1e3 / items;
          System.out.printf("round %d, %3d items per refresh: %7.1f us CPU per item"
              + " (%.1f s wall)%n", round, perRefresh, perItem,
              (System.nanoTime() - wall) / 1e9);
        } finally {
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(f);
            }
          }
        }
      }
    }
  }

  private static ItemChanges.Indexed item(long id, Instant t, List<String> texts) {
    Instant at = t.plusSeconds(id);
    return new ItemChanges.Indexed(id, "source-" + (id % 500), at, at, "s" + (id / 2),
        texts.get((int) (id % texts.size())));
  }
}
