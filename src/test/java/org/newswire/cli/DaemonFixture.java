package org.newswire.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.newswire.config.ConfigLoader;
import org.newswire.config.DbSettings;
import org.newswire.config.Loaded;
import org.newswire.config.NewswireConfig;
import org.newswire.model.Source;

/** Config files in a temp dir pointing at a test database, and daemons started from them. */
final class DaemonFixture {
  private DaemonFixture() {}

  static Path writeConfig(Path dir, DbSettings db, String sourcesYaml) throws IOException {
    Files.writeString(dir.resolve("newswire.yml"), """
        db:
          url: %s
          user: %s
          password: "%s"
          pool_size: 6
        fetch:
          allow_private_networks: true
          call_timeout: 10s
        http:
          listen: 127.0.0.1:0
          status_listen: 127.0.0.1:0
        scheduler:
          threads: 4
          tick: 200ms
          lease: 5s
        """.formatted(db.url().orElseThrow(), db.user(), db.password()));
    Files.writeString(dir.resolve("sources.yml"), sourcesYaml);
    return dir.resolve("newswire.yml");
  }

  static String sources(FeedServer server, String... paths) {
    StringBuilder b = new StringBuilder("sources:\n");
    for (String p : paths) {
      String id = p.replace("/", "");
      b.append("  - id: ").append(id).append("\n    url: ").append(server.url(p))
          .append("\n    interval: 1m\n");
    }
    return b.toString();
  }

  static Daemon start(Path configFile, String cluster, String instance) throws Exception {
    Daemon d = create(configFile);
    d.start(cluster, instance);
    return d;
  }

  /** A daemon of that config, not started. */
  static Daemon create(Path configFile) {
    ConfigLoader loader = new ConfigLoader(java.util.Map.of());
    NewswireConfig cfg = ((Loaded.Valid<NewswireConfig>) loader.loadDaemon(configFile)).value();
    List<Source> sources = ((Loaded.Valid<List<Source>>) loader.loadSources(cfg.sourcesFile()))
        .value();
    return new Daemon(cfg, sources, Clock.systemUTC());
  }

  /** GET http://127.0.0.1:{port}{path}: the status code and body. */
  static java.util.Map.Entry<Integer, String> get(int port, String path) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
            + path)).timeout(Duration.ofSeconds(20)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return java.util.Map.entry(r.statusCode(), r.body());
  }

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for "
            + what);
      }
      Thread.sleep(50);
    }
  }
}
