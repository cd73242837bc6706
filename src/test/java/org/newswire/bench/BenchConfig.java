package org.newswire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The generated newswire.yml and sources.yml a benchmark daemon runs from. */
final class BenchConfig {
  private BenchConfig() {}

  /**
   * Every source gets a long interval so that nothing comes due on its own: the harness starts
   * each cycle by making all sources due at once. Lists the fixture's first {@code count}
   * sources; the file is replaced in one move so that a running daemon never reads half of it.
   */
  static Path write(Path dir, BenchDb db, FixtureServer fixture, Options o, int count)
      throws IOException {
    Files.createDirectories(dir);
    String[] login = db.daemonLogin();
    Files.writeString(dir.resolve("newswire.yml"), """
        sources_file: sources.yml
        db:
          url: %s
          user: %s
          password: "%s"
          pool_size: %d
        fetch:
          allow_private_networks: true
          call_timeout: 30s
          per_host_concurrency: %d
        http:
          listen: 127.0.0.1:0
          status_listen: 127.0.0.1:0
        scheduler:
          threads: %d
          tick: %s
          lease: 1m
          max_interval: 6h
        retention:
          days: 0
        stories:
          enabled: %s
        """.formatted(db.url(), login[0], login[1], o.poolSize(), o.perHost(), o.threads(),
        o.tick(), o.stories()));
    StringBuilder s = new StringBuilder("defaults:\n  interval: 2h\n  timezone: UTC\nsources:\n");
    for (int i = 0; i < count; i++) {
      s.append("  - id: ").append(id(i)).append("\n    url: ").append(fixture.url(i)).append('\n');
    }
    Path tmp = dir.resolve("sources.yml.tmp");
    Files.writeString(tmp, s);
    Files.move(tmp, dir.resolve("sources.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return dir.resolve("newswire.yml");
  }

  static String id(int source) {
    return String.format("s%05d", source);
  }
}
