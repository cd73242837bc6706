package org.newswire.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.newswire.parse.FeedParser;
import org.newswire.parse.ParseContext;
import org.newswire.parse.Skim;

/**
 * CPU of reading one changed benchmark feed (two entries new, 48 as before) whole, and leaving
 * out the 48 it held ({@link FeedParser#skim}), on one thread. Run by hand (BENCHMARKS.md):
 * {@code java -cp target/classes:target/test-classes:CLASSPATH org.newswire.bench.SkimSpeed}.
 */
public final class SkimSpeed {
  private SkimSpeed() {}

  public static void main(String[] args) {
    int sources = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    SyntheticFeeds feeds = new SyntheticFeeds(1, "http://127.0.0.1:8080");
    FeedParser parser = new FeedParser();
    ParseContext ctx = new ParseContext(Optional.empty(),
        Optional.of(URI.create("http://127.0.0.1:8080/feed/")), ZoneOffset.UTC, Instant.now());
    byte[][] next = new byte[sources][];
    Skim.Known[] known = new Skim.Known[sources];
    for (int s = 0; s < sources; s++) {
      Skim first = parser.skim(feeds.feed(s, 0), ctx, Optional.empty());
      Set<Long> held = new HashSet<>(first.spans());
      known[s] = new Skim.Known(first.shell(), held::contains);
      next[s] = feeds.feed(s, 1);
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= 6; round++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int s = 0; s < sources; s++) {
        parser.parse(next[s], ctx);
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      int left = 0;
      for (int s = 0; s < sources; s++) {
        left += parser.skim(next[s], ctx, Optional.of(known[s])).skipped().size();
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      System.out.printf("round %d: whole %.3f ms per feed, skim %.3f ms per feed (%.1f entries"
          + " left out of 50)%n", round, (t1 - t0) / 1e6 / sources, (t2 - t1) / 1e6 / sources,
          (double) left / sources);
    }
  }
}
