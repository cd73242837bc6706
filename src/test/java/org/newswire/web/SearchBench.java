package org.newswire.web;

import static org.newswire.store.Items.item;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.newswire.config.DbSettings;
import org.newswire.config.HttpSettings;
import org.newswire.model.Source;
import org.newswire.publish.Publisher;
import org.newswire.search.SearchIndex;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;

/**
 * Search benchmark server (not a test; bench/search-bench drives it). Seeds N items as
 * ServeBench does but with their text (~2 KB of Cyrillic prose each, so the index is realistic),
 * every 50,000th with the rare word "землетрясение"; builds the search index from scratch and
 * reports its build time and size; measures time-to-searchable over HTTP for items stored one
 * by one; then serves /feed.atom with search and prints READY.
 * Usage: SearchBench PORT ITEMS [keep] — {@code keep} keeps the database {@code
 * nwbench_search_ITEMS} for the next run with the same ITEMS.
 */
public final class SearchBench {
  static final String RARE = "землетрясение";

  private SearchBench() {}

  private static String plain(int k) {
    String text = (ServeBench.PARA + ServeBench.text(k)).replaceAll("<[^>]+>", " ");
    return k % 50_000 == 7 ? "Сильное " + RARE + " ощутили жители. " + text : text;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    boolean keep = args.length > 2 && args[2].equals("keep");
    DbSettings settings = keep ? TestDatabases.named("nwbench_search_" + n)
        : TestDatabases.createFresh();
    Database db = Database.open(settings);
    Path dir = Files.createTempDirectory("newswire-search-bench");
    List<Source> sources = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      sources.add(Servers.source("agency" + s, "Агентство " + s, "ru", "politics"));
    }
    long present = db.items().latestChange().maxId();
    if (present < n) {
      if (present > 0) {
        throw new IllegalStateException(settings.url().orElseThrow() + " holds only " + present
            + " items (an interrupted seeding?): drop it and run again");
      }
      long t = System.nanoTime();
      ServeBench.seed(db, sources, n, SearchBench::plain);
      System.out.printf("SEEDED items=%d seconds=%.0f%n", n, (System.nanoTime() - t) / 1e9);
    } else {
      System.out.println("reusing " + settings.url().orElseThrow() + " (" + present + " items)");
    }
    // SEARCH_BENCH_INDEX: an index directory kept between runs (profiling); it is then not
    // rebuilt here, only brought up to date (or rebuilt by the index itself when outdated).
    Optional<Path> kept = Optional.ofNullable(System.getenv("SEARCH_BENCH_INDEX")).map(Path::of);
    Path indexDir = kept.orElse(dir.resolve("search"));
    SearchIndex index = SearchIndex.open(indexDir, db.changes(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      index.close();
      db.close();
      if (!keep) {
        TestDatabases.drop(settings);
      }
    }));
    if (kept.isEmpty() || !hasCommit(indexDir)) {
      long t = System.nanoTime();
      long built = index.rebuild();
      double seconds = (System.nanoTime() - t) / 1e9;
      long bytes;
      try (Stream<Path> files = Files.list(indexDir)) {
        bytes = files.mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf("REBUILD items=%d seconds=%.1f index_bytes=%d (%.0f MB, %.0f bytes/item)%n",
          built, seconds, bytes, bytes / 1e6, (double) bytes / Math.max(1, built));
    }
    index.start();
    awaitReady(index);
    inProcess(index, "землетрясение", "министр", "бюджет парламент");

    HttpSettings http = new HttpSettings(new InetSocketAddress("127.0.0.1", port),
        new InetSocketAddress("127.0.0.1", 0), Optional.of(URI.create("http://127.0.0.1:"
            + port + "/")), "Newswire", "urn:newswire:bench", Duration.ofSeconds(60));
    List<Source> fixed = List.copyOf(sources);
    Publisher publisher = new Publisher(db.items(), Optional.of(index), http, () -> fixed);
    WebServer web = new WebServer(publisher, http);
    web.start();
    timeToSearchable(db, port, 20);
    List<String> cursors = cursors(db, n, 2_000);
    Path cursorFile = dir.resolve("cursors.txt");
    Files.write(cursorFile, cursors);
    renderCpu(publisher, cursors, "землетрясение", "министр", "бюджет парламент");
    System.out.println("CURSORS " + cursorFile);
    System.out.println("READY port=" + port + " items=" + n);
    Thread.currentThread().join();
  }

  private static boolean hasCommit(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
    }
  }

  private static void awaitReady(SearchIndex index) throws InterruptedException {
    org.newswire.search.SearchQuery any = ((org.newswire.search.SearchQuery.Valid)
        org.newswire.search.SearchQuery.parse("министр")).query();
    while (true) {
      try {
        index.search(any, Optional.empty(), Optional.empty(), 1, true);
        return;
      } catch (org.newswire.search.SearchRefusedException e) {
        Thread.sleep(500);
      }
    }
  }

  /** The index's own share of a search (no store, no rendering), one thread. */
  private static void inProcess(SearchIndex index, String... queries) {
    for (String q : queries) {
      org.newswire.search.SearchQuery sq =
          ((org.newswire.search.SearchQuery.Valid) org.newswire.search.SearchQuery.parse(q))
              .query();
      long[] us = new long[500];
      for (int i = -200; i < us.length; i++) {
        long t = System.nanoTime();
        index.search(sq, Optional.empty(), Optional.empty(), 50, true);
        if (i >= 0) {
          us[i] = (System.nanoTime() - t) / 1000;
        }
      }
      Arrays.sort(us);
      System.out.printf("INDEX q=%s: p50 %d us, p99 %d us (index only, 500 searches)%n", q,
          us[us.length / 2], us[us.length * 99 / 100]);
    }
  }

  /**
   * Thread CPU of one uncached search page (index, store, rendering, gzip, ETag; not HTTP), one
   * thread: less sensitive to a busy machine than wrk's latencies. Each query excludes a
   * random absent word, as the wrk runs do, so every render misses the cache.
   */
  private static void renderCpu(Publisher publisher, List<String> cursors, String... queries) {
    java.util.Random random = new java.util.Random(1);
    // Two passes, the first unreported: the JIT compiles the whole path before any figure.
    for (int pass = 0; pass < 2; pass++) {
      for (String q : queries) {
        report(pass, q, "", renderCpu(publisher, q, List.of(), random));
      }
      // Pages deep in the past: their entries were seldom rendered before (the worst case).
      report(pass, queries[1], ", deep pages", renderCpu(publisher, queries[1], cursors, random));
    }
  }

  private static void report(int pass, String q, String what, long[] us) {
    long sum = java.util.Arrays.stream(us).sum();
    Arrays.sort(us);
    if (pass == 1) {
      System.out.printf("RENDER q=%s%s: thread CPU per uncached page p50 %d us, mean %d us "
          + "(one thread, %d renders, no HTTP)%n", q, what, us[us.length / 2], sum / us.length,
          us.length);
    }
  }

  /**
   * {@code count} {@code before} tokens at random items: pages far down the feed, whose entries
   * no earlier search has shown.
   */
  private static List<String> cursors(Database db, int n, int count) throws Exception {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    List<String> out = new ArrayList<>();
    try (java.sql.Connection c = db.dataSource().getConnection();
         java.sql.PreparedStatement s = c.prepareStatement(
             "SELECT published_at, id FROM item WHERE id = ?")) {
      while (out.size() < count) {
        s.setLong(1, 1 + r.nextInt(n));
        try (java.sql.ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            out.add(org.newswire.publish.BenchCursors.token(
                rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC),
                rs.getLong(2)));
          }
        }
      }
    }
    return out;
  }

  private static long[] renderCpu(Publisher publisher, String q, List<String> cursors,
      java.util.Random random) {
    java.lang.management.ThreadMXBean mx =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long[] us = new long[300];
    for (int i = 0; i < us.length; i++) {
      java.util.Map<String, List<String>> params = new java.util.HashMap<>();
      params.put("q", List.of(q + " -x" + (1 + random.nextInt(1_000_000_000))));
      if (!cursors.isEmpty()) {
        params.put("before", List.of(cursors.get(random.nextInt(cursors.size()))));
      }
      long t = mx.getCurrentThreadCpuTime();
      Publisher.Outcome o = publisher.render(org.newswire.publish.Format.ATOM, Optional.empty(),
          params, () -> URI.create("http://127.0.0.1/"));
      us[i] = (mx.getCurrentThreadCpuTime() - t) / 1000;
      if (!(o instanceof Publisher.Rendered)) {
        throw new IllegalStateException(q + ": " + o);
      }
    }
    return us;
  }

  /** Stores items one by one and polls the search over HTTP until each is in it. */
  private static void timeToSearchable(Database db, int port, int times) throws Exception {
    long[] ms = new long[times];
    for (int i = 0; i < times; i++) {
      String word = "маркер" + "абвгдежзиклмнопрстуф".charAt(i) + "ъ";
      Instant now = Instant.now();
      long start = System.nanoTime();
      Items.poll(db.feeds(), "agency0", now, List.of(item("fresh-" + now.toEpochMilli())
          .title("Срочно: " + word).published(now).build()));
      String url = "http://127.0.0.1:" + port + "/feed.atom?q="
          + URLEncoder.encode(word, StandardCharsets.UTF_8);
      while (Http.entryIds(Http.text(Http.get(url))).isEmpty()) {
        Thread.sleep(5);
      }
      ms[i] = (System.nanoTime() - start) / 1_000_000;
      Thread.sleep(300);
    }
    Arrays.sort(ms);
    System.out.printf("SEARCHABLE after store: median %d ms, max %d ms (%d items, over HTTP)%n",
        ms[times / 2], ms[times - 1], times);
  }
}
