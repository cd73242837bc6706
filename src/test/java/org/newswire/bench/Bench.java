package org.newswire.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Newswire's scale benchmark (not a test; run by {@code bench/run}): a fixture server of
 * synthetic feeds, real daemons in their own JVMs on scratch MariaDB databases, and a table of
 * figures. Exits 1 when a check fails (an item lost or duplicated, a source polled twice).
 */
public final class Bench {
  private final Options o;
  private final Results results = new Results();
  /** Per kind of thread, its CPU per poll (ms) in each measured steady cycle. */
  private final Map<String, List<Double>> steadyThreadMs = new java.util.LinkedHashMap<>();
  private final Path work;
  private boolean failed;
  private final List<JfrWaits.Window> steadyWindows = new ArrayList<>();
  private Optional<JfrWaits.Breakdown> steadyWaits = Optional.empty();

  private Bench(Options o) throws Exception {
    this.o = o;
    this.work = Files.createTempDirectory("newswire-bench");
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Bench b = new Bench(o);
    try (java.sql.Connection admin = java.sql.DriverManager.getConnection(o.dbServer(),
        o.dbUser(), o.dbPassword())) {
      // Per-user statistics go back off however the run ends: a shutdown hook, so also when a
      // daemon exits early, on Ctrl-C or on SIGTERM.
      DbCounters.enableUserStatsUntilExit(admin, o);
    }
    b.log("load average at start: " + Results.loadAverage() + "; work dir " + b.work);
    long stored = Math.max(o.has("steady") || o.has("two")
        ? (long) o.steadySources() * SyntheticFeeds.ITEMS : 0,
        o.has("cold") || o.has("floor")
            ? (long) (o.coldWarmSources() + o.coldSources()) * SyntheticFeeds.ITEMS : 0);
    BufferPool.sizeForRun(o, stored, b::log);
    if (o.has("cold") || o.has("floor")) {
      b.cold();
    }
    if (o.has("steady") || o.has("two")) {
      b.steady();
    }
    b.results.print(System.out, o);
    b.verdicts(System.out);
    System.out.println("load average at end: " + Results.loadAverage());
    System.exit(b.failed ? 1 : 0);
  }

  /**
   * Cold ingest runs, each on a fresh database, each followed by the library floor. A run
   * first lets the daemon ingest {@code --cold-warm-sources} unmeasured sources (the JIT's
   * warm-up, seconds of CPU), then adds the measured ones to sources.yml, which the running
   * daemon picks up like an operator's edit.
   */
  private void cold() throws Exception {
    int n = o.coldSources();
    int warm = o.coldWarmSources();
    Timestamp epoch = Timestamp.valueOf("1970-01-02 00:00:00");
    try (FixtureServer fixture = new FixtureServer(warm + n, o.hosts(), o.seed())) {
      for (int run = 1; run <= o.runs(); run++) {
        double coldCpuPerItem = 0;
        double coldWindowCpuPerItem = 0;
        try (BenchDb db = BenchDb.createFresh(o.dbServer(), "nwbench_cold", o.dbUser(),
            o.dbPassword())) {
          if (o.has("cold")) {
            Path dir = work.resolve("cold-" + run);
            Path cfg = BenchConfig.write(dir, db, fixture, o, warm > 0 ? warm : n);
            fixture.resetFirstRequest();
            Window w;
            Settled caughtUp;
            try (DaemonProcess d = startDaemon(cfg, dir, "cold-" + run)) {
              if (warm > 0) {
                awaitPolls(db, fixture, epoch, warm, warm, List.of(d));
                fixture.resetFirstRequest();
                BenchConfig.write(dir, db, fixture, o, warm + n);
              }
              w = awaitPolls(db, fixture, epoch, warm + n, n, List.of(d));
              // The window ends when the last poll is stored; the search index indexes those
              // items later, so how much of its work falls inside depends on how far it lags.
              // The floor indexes every item, so the pipeline is compared with it caught up.
              caughtUp = awaitQuiet(d, "cold run " + run);
              results.add("cold", "rss", d.peakRssMib());
            }
            long items = (long) n * SyntheticFeeds.ITEMS;
            results.add("cold", "items/s", items / w.wall());
            results.add("cold", "cpu_ms/item", 1000 * w.cpu() / items);
            coldWindowCpuPerItem = 1000 * w.cpu() / items;
            coldCpuPerItem = 1000 * (w.cpu() + caughtUp.cpu()) / items;
            results.add("cold", "cpu_ms/it+ix", coldCpuPerItem);
            results.add("cold", "db_cpu_ms/it", 1000 * w.dbCpu() / items);
            results.add("cold", "db_ms/it+ix", 1000 * (w.dbCpu() + caughtUp.dbCpu()) / items);
            results.add("cold", "machine_busy", w.machineBusy());
            log(String.format("cold run %d: %d items in %.1f s = %.0f items/s, %.3f ms CPU/item"
                + " in newswire, %.3f in MariaDB; machine %.0f%% busy", run, items, w.wall(),
                items / w.wall(), 1000 * w.cpu() / items, 1000 * w.dbCpu() / items,
                w.machineBusy()));
            log(String.format("cold run %d with the search index caught up (%.0f s later):"
                + " %.3f ms CPU/item in newswire, %.3f in MariaDB", run, caughtUp.seconds(),
                coldCpuPerItem, 1000 * (w.dbCpu() + caughtUp.dbCpu()) / items));
            check("cold run " + run, db.verify(fixture));
          } else {
            BenchConfig.write(work.resolve("floor-" + run), db, fixture, o, 1);
            try (DaemonProcess d = startDaemon(work.resolve("floor-" + run + "/newswire.yml"),
                work.resolve("floor-" + run), "schema-" + run)) {
              while (!db.hasTable("item")) {
                Thread.sleep(100);
              }
            }
          }
          if (o.has("floor")) {
            double db0 = Machine.databaseCpuSeconds();
            LibraryFloor.Result f = floor(db, warm, o.floorSources() > 0 ? o.floorSources() : n);
            results.add("floor", "db_cpu_ms/it", 1000 * (Machine.databaseCpuSeconds() - db0)
                / f.items());
            results.add("floor", "cpu_ms/item", 1000 * f.cpuSeconds() / f.items());
            results.add("floor", "items/s", f.items() / f.wallSeconds());
            log(String.format("floor run %d: %d items, %.3f ms CPU/item, %.0f items/s (1 thread)"
                + "%s", run, f.items(), 1000 * f.cpuSeconds() / f.items(),
                f.items() / f.wallSeconds(), coldCpuPerItem > 0 ? String.format(
                    "; this run's pipeline/floor %.2f (%.2f up to the last poll stored)",
                    coldCpuPerItem * f.items() / (1000 * f.cpuSeconds()),
                    coldWindowCpuPerItem * f.items() / (1000 * f.cpuSeconds())) : ""));
          }
          if (!o.keep()) {
            db.drop();
          }
        }
      }
    }
  }

  /** One warm-up cycle (everything new), then cycles with one daemon, then with two. */
  private void steady() throws Exception {
    int n = o.steadySources();
    try (FixtureServer fixture = new FixtureServer(n, o.hosts(), o.seed());
        BenchDb db = BenchDb.createFresh(o.dbServer(), "nwbench_steady", o.dbUser(),
            o.dbPassword())) {
      Path dir = work.resolve("steady");
      Path cfg = BenchConfig.write(dir, db, fixture, o, n);
      try (DaemonProcess d1 = startDaemon(cfg, dir, "daemon-1")) {
        Window warm = awaitPolls(db, fixture, Timestamp.valueOf("1970-01-02 00:00:00"), n, n,
            List.of(d1));
        long items = (long) n * SyntheticFeeds.ITEMS;
        log(String.format("warm-up (cold at %d sources): %d items in %.1f s = %.0f items/s,"
            + " %.3f ms CPU/item", n, items, warm.wall(), items / warm.wall(),
            1000 * warm.cpu() / items));
        results.add("warm-up", "items/s", items / warm.wall());
        awaitQuiet(d1, "the cold start");
        fixture.takeRequestCounts();
        int c = 0;
        for (int w = 0; w < o.warmCycles(); w++) {
          cycle("warm", ++c, db, fixture, List.of(d1));
        }
        if (o.warmCycles() > 0) {
          // The warm cycles' first segments make Lucene merge the cold start's segments (a
          // JFR of 2,000 sources: one merge of about 2.3 s of CPU), which can outlast them;
          // that merge is the cold start's, not steady polling's.
          awaitQuiet(d1, "the warm cycles");
        }
        if (o.has("steady")) {
          for (int i = 0; i < o.cycles(); i++) {
            steadyWindows.add(cycle("steady", ++c, db, fixture, List.of(d1)).when());
          }
          results.add("steady", "rss", d1.peakRssMib());
        }
        if (o.has("two")) {
          try (DaemonProcess d2 = startDaemon(cfg, dir, "daemon-2")) {
            awaitLog(d2, "newswire running");
            for (int w = 0; w < o.warmCycles(); w++) {
              cycle("warm2", ++c, db, fixture, List.of(d1, d2));
            }
            for (int i = 0; i < o.cycles(); i++) {
              cycle("two", ++c, db, fixture, List.of(d1, d2));
            }
            results.add("two", "rss", Math.max(d1.peakRssMib(), d2.peakRssMib()));
          }
        }
      }
      if (o.jfr().isPresent() && !steadyWindows.isEmpty()) {
        // The recording is complete once daemon-1 has exited (dumponexit).
        steadyWaits = Optional.of(JfrWaits.read(o.jfr().get().resolve("daemon-1.jfr"),
            steadyWindows, o.threads()));
        steadyWaits.get().pollWaits().forEach((k, v) -> log(String.format(
            "  poll threads waiting on %-50s %7.2f s = %5.1f%% of their time", k, v,
            100 * v / steadyWaits.get().pollThreadSeconds())));
        steadyWaits.get().dispatcherWaits().forEach((k, v) -> log(String.format(
            "  dispatcher thread waiting on %-46s %7.2f s", k, v)));
      }
      check("steady database", db.verify(fixture));
      if (!o.keep()) {
        db.drop();
      }
    }
  }

  private Window cycle(String scenario, int c, BenchDb db, FixtureServer fixture,
      List<DaemonProcess> daemons) throws Exception {
    int n = fixture.sources();
    SplittableRandom r = new SplittableRandom(o.seed() * 31 + c);
    int changed = 0;
    for (int s = 0; s < n; s++) {
      if (r.nextDouble() < o.changed()) {
        fixture.bump(s);
        changed++;
      }
    }
    long full0 = fixture.full();
    fixture.takeRequestCounts();
    fixture.resetFirstRequest();
    Timestamp since = db.utcNow();
    db.makeAllDue();
    Window w = awaitPolls(db, fixture, since, n, n, daemons);
    int[] counts = fixture.takeRequestCounts();
    List<String> problems = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (counts[s] != 1 && problems.size() < 5) {
        problems.add("source " + s + " requested " + counts[s] + " times in cycle " + c);
      }
    }
    check(scenario + " cycle " + c, problems);
    if (!scenario.startsWith("warm")) {
      results.add(scenario, "polls/s", n / w.wall());
      results.add(scenario, "cycle_s", w.wall());
      results.add(scenario, "cpu_ms/poll", 1000 * w.cpu() / n);
      results.add(scenario, "db_cpu_ms/pl", 1000 * w.dbCpu() / n);
      results.add(scenario, "cpu+db_ms/pl", 1000 * (w.cpu() + w.dbCpu()) / n);
      results.add(scenario, "machine_busy", w.machineBusy());
      w.dbPerPoll().forEach((k, v) -> {
        if (k.equals("user.COMMIT_TRANSACTIONS")) {
          results.add(scenario, "commits/poll", v);
        } else if (k.equals("Innodb_os_log_fsyncs")) {
          results.add(scenario, "fsyncs/poll", v);
        } else if (k.equals("Innodb_buffer_pool_reads")) {
          results.add(scenario, "disk_rd/poll", v);
        }
      });
      if (w.dbPerPoll().containsKey("user.SELECT_COMMANDS")) {
        results.add(scenario, "stmts/poll", w.dbPerPoll().get("user.SELECT_COMMANDS")
            + w.dbPerPoll().get("user.UPDATE_COMMANDS") + w.dbPerPoll().get("user.OTHER_COMMANDS"));
      }
      if (scenario.equals("steady")) {
        w.threadCpu().forEach((k, v) -> steadyThreadMs.computeIfAbsent(k, x -> new ArrayList<>())
            .add(1000 * v / n));
      }
      if (w.pollThreads().threads() > 0) {
        double t = w.pollThreads().threads() * w.wall();
        results.add(scenario, "pollthr_cpu%", 100 * w.pollThreads().cpuSeconds() / t);
        results.add(scenario, "pollthr_blk%", 100 * (1 - (w.pollThreads().cpuSeconds()
            + w.pollThreads().runQueueSeconds()) / t));
      }
    }
    log(String.format("%s cycle %d: %d polls (%d changed, %d bodies sent) in %.2f s = %.0f"
        + " polls/s, %.3f ms CPU/poll in newswire, %.3f in MariaDB; machine %.0f%% busy",
        scenario, c, n, changed, fixture.full() - full0, w.wall(), n / w.wall(),
        1000 * w.cpu() / n, 1000 * w.dbCpu() / n, w.machineBusy()));
    log(String.format("  after the last request: %.0f ms until the last poll was stored,"
        + " machine %.0f%% busy in it", 1000 * w.tail().seconds(), w.tail().machineBusy()));
    log("  " + w.trace());
    log("  " + DbCounters.describe(w.dbPerPoll(), true));
    log("  newswire CPU per poll by thread: " + w.threadCpu().entrySet().stream()
        .filter(e -> e.getValue() * 1000 / n >= 0.005)
        .map(e -> String.format("%s %.3f ms", e.getKey(), 1000 * e.getValue() / n))
        .collect(java.util.stream.Collectors.joining(", ")));
    if (w.pollThreads().threads() > 0) {
      double t = w.pollThreads().threads() * w.wall();
      log(String.format("  %d poll threads: %.0f%% of their time on a CPU (%.3f ms per poll),"
          + " %.0f%% runnable waiting for one, %.0f%% blocked or idle",
          w.pollThreads().threads(), 100 * w.pollThreads().cpuSeconds() / t,
          1000 * w.pollThreads().cpuSeconds() / n, 100 * w.pollThreads().runQueueSeconds() / t,
          100 * (1 - (w.pollThreads().cpuSeconds() + w.pollThreads().runQueueSeconds()) / t)));
    }
    return w;
  }

  /**
   * One measured window: wall and CPU seconds, how busy the machine was, MariaDB's counters
   * per expected poll, the poll threads' scheduler times, and when it ran (for the recording).
   */
  record Window(double wall, double cpu, double dbCpu, double machineBusy,
      Map<String, Double> dbPerPoll, ThreadTimes pollThreads, Map<String, Double> threadCpu,
      JfrWaits.Window when, Tail tail, BusyTrace trace) {}

  /**
   * The end of a window after the fixture's last request: the last polls finishing and their
   * states reaching the database. Its length and how busy the machine was in it (from when the
   * harness saw the last request) say how much of an idle share the cycle's end explains.
   */
  record Tail(double seconds, double machineBusy) {}

  /**
   * Waits until {@code expected} sources have finished a poll started at or after {@code since}
   * (the database is asked once the fixture has answered {@code requests} requests).
   * Wall time runs from the fixture's first request; CPU is the daemons' from then on.
   */
  private Window awaitPolls(BenchDb db, FixtureServer fixture, Timestamp since, long expected,
      long requests, List<DaemonProcess> daemons) throws Exception {
    double cpu0 = Double.NaN;
    double db0 = Double.NaN;
    long[] machine0 = null;
    Map<String, Double> counters0 = Map.of();
    ThreadTimes threads0 = ThreadTimes.NONE;
    List<ThreadCpu> threadCpu0 = List.of();
    Instant start = Instant.EPOCH;
    long deadline = System.nanoTime() + 3_600_000_000_000L;
    long lastReport = System.nanoTime();
    long[] tailMachine0 = null;
    List<long[]> trace = new ArrayList<>();
    while (true) {
      for (DaemonProcess d : daemons) {
        if (!d.isAlive()) {
          throw new IllegalStateException("daemon exited; see " + d.log());
        }
      }
      if (Double.isNaN(cpu0) && fixture.firstRequestNanos() != 0) {
        cpu0 = cpu(daemons);
        db0 = Machine.databaseCpuSeconds();
        machine0 = Machine.cpuJiffies();
        start = Instant.now().minusNanos(System.nanoTime() - fixture.firstRequestNanos());
        threads0 = pollThreads(daemons);
        threadCpu0 = daemons.stream().map(d -> ThreadCpu.of(d.pid())).toList();
        counters0 = DbCounters.read(db.connection(), BenchDb.DAEMON_USER);
      }
      // Ask the database only once the fixture has answered every source (or for progress
      // now and then): counting finished polls is a scan, and it would load MariaDB.
      if (!Double.isNaN(cpu0)) {
        long[] j = Machine.cpuJiffies();
        trace.add(new long[] {System.nanoTime(), j[0], j[1], j[2]});
      }
      boolean progress = System.nanoTime() - lastReport > 30_000_000_000L;
      if (fixture.requestsSinceReset() < requests && !progress) {
        Thread.sleep(20);
        continue;
      }
      if (tailMachine0 == null && fixture.requestsSinceReset() >= requests) {
        tailMachine0 = Machine.cpuJiffies();
      }
      long done = polled(db, since);
      if (done >= expected && !Double.isNaN(cpu0)) {
        long end = System.nanoTime();
        double cpu = cpu(daemons) - cpu0;
        Window w = new Window((end - fixture.firstRequestNanos()) / 1e9, cpu,
            Machine.databaseCpuSeconds() - db0, Machine.busyPercent(machine0),
            DbCounters.perPoll(counters0, DbCounters.read(db.connection(), BenchDb.DAEMON_USER),
                expected),
            pollThreads(daemons).since(threads0), threadCpu(daemons, threadCpu0, cpu),
            new JfrWaits.Window(start, Instant.now()),
            new Tail((end - fixture.lastRequestNanos()) / 1e9,
                tailMachine0 == null ? Double.NaN : Machine.busyPercent(tailMachine0)),
            BusyTrace.of(trace, machine0));
        return w;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out: " + done + " of " + expected + " polled");
      }
      if (progress) {
        log("  ... " + done + " of " + expected + " sources polled");
        lastReport = System.nanoTime();
      }
      Thread.sleep(20);
    }
  }

  private static long polled(BenchDb db, Timestamp since) throws SQLException {
    try {
      return db.polledSince(since);
    } catch (SQLException e) {
      if (db.hasTable("source_state")) {
        throw e;
      }
      return 0; // the daemon has not migrated the schema yet
    }
  }

  private static ThreadTimes pollThreads(List<DaemonProcess> daemons) {
    ThreadTimes sum = ThreadTimes.NONE;
    for (DaemonProcess d : daemons) {
      ThreadTimes t = ThreadTimes.of(d.pid(), "newswire-poll");
      sum = new ThreadTimes(sum.threads() + t.threads(), sum.cpuSeconds() + t.cpuSeconds(),
          sum.runQueueSeconds() + t.runQueueSeconds());
    }
    return sum;
  }

  /**
   * The daemons' CPU seconds since {@code before} by kind of thread, and as "ended threads"
   * what the process spent beyond its live threads (threads that ended meanwhile, such as
   * Lucene's merge threads, which live for one merge).
   */
  private static Map<String, Double> threadCpu(List<DaemonProcess> daemons,
      List<ThreadCpu> before, double processCpu) {
    Map<String, Double> sum = new java.util.LinkedHashMap<>();
    for (int i = 0; i < daemons.size() && i < before.size(); i++) {
      ThreadCpu.of(daemons.get(i).pid()).since(before.get(i))
          .forEach((k, v) -> sum.merge(k, v, Double::sum));
    }
    double live = sum.values().stream().mapToDouble(Double::doubleValue).sum();
    sum.put("ended threads", Math.max(0, processCpu - live));
    return sum;
  }

  private static double cpu(List<DaemonProcess> daemons) {
    return daemons.stream().mapToDouble(DaemonProcess::cpuSeconds).sum();
  }

  /**
   * Runs {@link LibraryFloor} in a fresh JVM with the daemon's options: first the {@code warm}
   * feeds the daemon also ingested unmeasured, then {@code count} measured ones (the daemon's).
   */
  private LibraryFloor.Result floor(BenchDb db, int warm, int count) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(o.daemonJvm());
    cmd.addAll(List.of("-cp", o.jar() + java.io.File.pathSeparator
        + Path.of("target/test-classes").toAbsolutePath(), LibraryFloor.class.getName(),
        Long.toString(o.seed()), Integer.toString(warm), Integer.toString(warm),
        Integer.toString(count), db.url(), o.dbUser(), o.dbPassword()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("library floor failed: " + out);
    }
    String line = out.lines().filter(l -> l.startsWith("FLOOR ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("library floor printed no result: " + out));
    String[] f = line.split(" ");
    return new LibraryFloor.Result(Long.parseLong(f[1]), Double.parseDouble(f[2]),
        Double.parseDouble(f[3]));
  }

  private DaemonProcess startDaemon(Path cfg, Path dir, String name) throws Exception {
    List<String> jvm = new ArrayList<>(o.daemonJvm());
    if (o.jfr().isPresent()) {
      java.nio.file.Files.createDirectories(o.jfr().get()); // the JVM will not create it
    }
    o.jfr().ifPresent(j -> jvm.add("-XX:StartFlightRecording=filename=" + j.resolve(name
        + ".jfr") + ",settings=profile,dumponexit=true," + JfrWaits.EVENT_OPTIONS));
    return DaemonProcess.start(o.jar(), cfg, name, dir, jvm);
  }

  private static void awaitLog(DaemonProcess d, String line) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.readString(d.log()).contains(line)) {
        return;
      }
      if (!d.isAlive()) {
        throw new IllegalStateException("daemon exited; see " + d.log());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("daemon did not start; see " + d.log());
  }

  /**
   * Where the steady CPU per poll goes: MariaDB and each kind of the daemon's threads, medians
   * over the measured cycles, largest first (so a regression names its part).
   */
  private String cpuPerPoll(double dbCpu) {
    Map<String, Double> parts = new java.util.HashMap<>();
    parts.put("MariaDB", dbCpu);
    steadyThreadMs.forEach((k, v) -> parts.put(k, median(v)));
    return "steady CPU per poll by part (ms, medians): " + parts.entrySet().stream()
        .filter(e -> e.getValue() >= 0.005)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .map(e -> String.format("%s %.3f", e.getKey(), e.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static double median(List<Double> v) {
    List<Double> sorted = v.stream().sorted().toList();
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  /**
   * Issue 16's targets for the steady scenario, one line each, and the top wait of the poll
   * threads (the reason when the machine was not CPU-bound): from the flight recording when
   * there is one, else from the poll threads' scheduler times and MariaDB's counters.
   */
  private void verdicts(java.io.PrintStream out) {
    double busy = results.median("steady machine_busy");
    if (Double.isNaN(busy)) {
      return;
    }
    double polls = results.median("steady polls/s");
    double cpu = results.median("steady cpu_ms/poll");
    double dbCpu = results.median("steady db_cpu_ms/pl");
    // The target is on a cycle's total: the median of the totals, not the sum of two medians
    // that may come from different cycles.
    double total = results.median("steady cpu+db_ms/pl");
    out.println();
    try (java.sql.Connection admin = java.sql.DriverManager.getConnection(o.dbServer(),
        o.dbUser(), o.dbPassword())) {
      out.printf("verdicts with MariaDB's buffer pool at %,d MiB (--buffer-pool %s)%n",
          BufferPool.current(admin) >> 20, o.bufferPool());
    } catch (java.sql.SQLException e) {
      out.println("verdicts (MariaDB's buffer pool not readable: " + e.getMessage() + ")");
    }
    out.printf("verdict steady machine busy %.0f%% (>= 95%%): %s%n", busy,
        busy >= 95 ? "MET" : "NOT MET");
    out.printf("verdict steady polls/s %.0f (>= 1400): %s%n", polls,
        polls >= 1400 ? "MET" : "NOT MET");
    out.printf("verdict steady CPU per poll %.3f ms, Newswire and MariaDB together (<= 1.0;"
        + " medians of the cycles: %.3f + %.3f MariaDB): %s%n", total, cpu, dbCpu,
        total <= 1.0 ? "MET" : "NOT MET");
    out.println(cpuPerPoll(dbCpu));
    // Printed CPU-bound or not (a busy machine may be busy with something else), but it is
    // the reason when the first verdict is NOT MET.
    double blocked = results.median("steady pollthr_blk%");
    String counters = String.format("%.3f commits and %.2f statements per poll",
        results.median("steady commits/poll"), results.median("steady stmts/poll"));
    double diskReads = results.median("steady disk_rd/poll");
    if (diskReads >= 1) {
      // Pages MariaDB had to read from disk: its buffer pool holds less than the polls touch
      // (the story index of a large window, most often; README, db.buffer_pool_size).
      counters += String.format("; MariaDB read %.1f pages per poll from disk (buffer pool"
          + " smaller than the working set)", diskReads);
    }
    if (steadyWaits.isPresent() && !steadyWaits.get().pollWaits().isEmpty()) {
      out.printf("top wait (machine %.0f%% busy%s; poll threads blocked or idle %.0f%% of their"
          + " time; %s): %s%n", busy, busy >= 95 ? ", CPU-bound" : "", blocked, counters,
          steadyWaits.get().top(3));
    } else {
      out.printf("top wait (machine %.0f%% busy%s): poll threads blocked or idle %.0f%% of their"
          + " time; %s; run with --jfr DIR to name what they wait on%n", busy,
          busy >= 95 ? ", CPU-bound" : "", blocked, counters);
    }
  }

  private void check(String what, List<String> problems) {
    if (problems.isEmpty()) {
      log("check " + what + ": OK");
      return;
    }
    failed = true;
    problems.forEach(p -> log("CHECK FAILED " + what + ": " + p));
  }

  /**
   * What a daemon spent after a window until it was nearly idle again: its CPU and MariaDB's,
   * up to the last two-second interval in which the daemon still worked.
   */
  record Settled(double seconds, double cpu, double dbCpu) {}

  /**
   * Waits (at most 5 minutes) until the daemon is nearly idle: after a cold start its search
   * index is still catching up with every item stored, and after the warm cycles Lucene may
   * still be merging the cold start's segments, work a steady cycle would otherwise be charged
   * with. Returns what that catching up cost.
   */
  private Settled awaitQuiet(DaemonProcess d, String after) throws InterruptedException {
    long start = System.nanoTime();
    double cpu0 = d.cpuSeconds();
    double db0 = Machine.databaseCpuSeconds();
    double last = cpu0;
    double lastDb = db0;
    while (System.nanoTime() - start < 300_000_000_000L) {
      Thread.sleep(2000);
      double now = d.cpuSeconds();
      double db = Machine.databaseCpuSeconds();
      if (now - last < 0.1) { // under 5% of a core
        break;
      }
      last = now;
      lastDb = db;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    log(String.format("daemon quiet after %s: %.0f s", after, seconds));
    return new Settled(seconds, last - cpu0, lastDb - db0);
  }

  private void log(String s) {
    System.out.println("# " + s);
    System.out.flush();
  }
}
