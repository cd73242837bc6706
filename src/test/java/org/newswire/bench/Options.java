package org.newswire.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Command-line options of {@code bench/run}; see {@link #USAGE}. */
record Options(Set<String> scenarios, int steadySources, int coldSources, int coldWarmSources,
    int floorSources,
    int cycles, int warmCycles, int runs, double changed, int hosts, int threads, int poolSize,
    int perHost, String tick, long seed,
    String dbServer, String dbUser, String dbPassword, Path jar, Optional<Path> jfr,
    List<String> daemonJvm, boolean keep, boolean stories, String bufferPool) {

  static final String USAGE = """
      Usage: bench/run [--smoke] [--scenarios cold,floor,steady,two] [--steady-sources 10000]
                       [--cold-sources 2000] [--cold-warm-sources 1000]
                       [--floor-sources N] [--cycles 3]
                       [--warm-cycles 2] [--runs 3] [--changed 0.05]
                       [--hosts 100] [--threads 16] [--pool-size N] [--per-host 2] [--tick 1s]
                       [--seed 42] [--db jdbc:mariadb://127.0.0.1:3306/] [--db-user root]
                       [--db-password ''] [--jar target/newswire.jar] [--jfr DIR] [--keep]
                       [--stories on|off] [--buffer-pool auto|as-is|MiB]
                       [--daemon-jvm '-Xmx512m ...']
        cold   : fresh database, every source new (50 items each): items stored per second;
                 the daemon first ingests --cold-warm-sources others (JIT warm-up), then
                 the measured ones are added to sources.yml while it runs
        floor  : Rome + Jsoup clean + batched upserts of the cold scenario's feeds (or the first
                 --floor-sources), in a JVM of its own with the daemon's options
                 (after each cold run; CPU per item is what counts)
        steady : one daemon, N sources, per cycle a fraction changes (2 new items of 50);
                 --warm-cycles unmeasured cycles first (the JIT is still compiling)
        two    : after steady, a second daemon on the same database, same cycles
        --stories off runs the daemons with stories.enabled: false (what stories cost)
        --buffer-pool auto (with stories on) raises MariaDB's InnoDB buffer pool for the run
                 to hold the story index of the items the run stores, as README sizes it,
                 and sets it back at exit; as-is measures the server as configured
      """;

  static Options parse(String[] args) {
    Set<String> scenarios = Set.of("cold", "floor", "steady", "two");
    int steady = 10_000;
    int cold = 2_000;
    int cycles = 3;
    int warm = 2;
    int floor = 0; // 0: as many as the cold scenario measures
    int coldWarm = 1000;
    int runs = 3;
    double changed = 0.05;
    int hosts = 100;
    int threads = 16;
    int pool = -1;
    int perHost = 2;
    String tick = "1s";
    long seed = 42;
    String db = "jdbc:mariadb://127.0.0.1:3306/";
    String user = "root";
    String password = "";
    Path jar = Path.of("target/newswire.jar");
    Optional<Path> jfr = Optional.empty();
    List<String> jvm = List.of("-Xmx512m", "-Xms512m");
    boolean keep = false;
    boolean stories = true;
    String bufferPool = "auto";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--smoke" -> {
          steady = 50;
          cold = 50;
          cycles = 2;
          warm = 0;
          coldWarm = 0;
          runs = 1;
          hosts = 10;
        }
        case "--scenarios" -> scenarios = Set.of(args[++i].split(","));
        case "--steady-sources" -> steady = Integer.parseInt(args[++i]);
        case "--cold-sources" -> cold = Integer.parseInt(args[++i]);
        case "--cycles" -> cycles = Integer.parseInt(args[++i]);
        case "--warm-cycles" -> warm = Integer.parseInt(args[++i]);
        case "--floor-sources" -> floor = Integer.parseInt(args[++i]);
        case "--cold-warm-sources" -> coldWarm = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--changed" -> changed = Double.parseDouble(args[++i]);
        case "--hosts" -> hosts = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--pool-size" -> pool = Integer.parseInt(args[++i]);
        case "--per-host" -> perHost = Integer.parseInt(args[++i]);
        case "--tick" -> tick = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--db" -> db = args[++i];
        case "--db-user" -> user = args[++i];
        case "--db-password" -> password = args[++i];
        case "--jar" -> jar = Path.of(args[++i]);
        case "--jfr" -> jfr = Optional.of(Path.of(args[++i]).toAbsolutePath());
        case "--daemon-jvm" -> jvm = List.of(args[++i].trim().split("\\s+"));
        case "--keep" -> keep = true;
        case "--stories" -> stories = !"off".equals(args[++i]);
        case "--buffer-pool" -> {
          bufferPool = args[++i];
          if (!bufferPool.matches("auto|as-is|[1-9][0-9]{0,6}")) {
            throw new IllegalArgumentException("--buffer-pool takes auto, as-is or a size in MiB,"
                + " not " + bufferPool + "\n" + USAGE);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    List<String> daemonJvm = new ArrayList<>(jvm);
    return new Options(scenarios, steady, cold, coldWarm, Math.min(floor, cold), cycles, warm, runs,
        changed, hosts, threads,
        pool > 0 ? pool : threads + 4, perHost, tick, seed, db.endsWith("/") ? db : db + "/",
        user, password, jar.toAbsolutePath(), jfr, daemonJvm, keep, stories, bufferPool);
  }

  boolean has(String scenario) {
    return scenarios.contains(scenario);
  }
}
