package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newswire.cli.DaemonFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.store.Database;
import org.newswire.store.StoreException;
import org.newswire.store.TestDatabases;

/**
 * A database that refuses us says why, in the server's own words, everywhere an operator
 * looks: the exception (log), /healthz and /api/sources while the daemon waits, CLI output.
 */
class DatabaseErrorsTest {
  @TempDir Path dir;
  private DbSettings good;
  private FeedServer feeds;

  @BeforeEach
  void setUp() throws Exception {
    good = TestDatabases.createFresh();
    feeds = new FeedServer();
  }

  @AfterEach
  void tearDown() {
    feeds.close();
    TestDatabases.drop(good);
  }

  private DbSettings withUrl(String url) {
    return new DbSettings(Optional.of(url), good.user(), good.password(), good.dataDir(), 2);
  }

  private DbSettings unknownDatabase() {
    String url = good.url().orElseThrow();
    return withUrl(url.substring(0, url.lastIndexOf('/') + 1) + "nw_missing_db");
  }

  private DbSettings wrongPassword() {
    return new DbSettings(good.url(), "nw_nobody", "wrong-password", good.dataDir(), 2);
  }

  @Test
  void openingNamesTheServersReason() {
    assertThatThrownBy(() -> Database.open(unknownDatabase())).isInstanceOf(StoreException.class)
        .hasMessageContaining("Unknown database 'nw_missing_db'")
        .message().doesNotContain("request timed out");
    assertThatThrownBy(() -> Database.open(wrongPassword())).isInstanceOf(StoreException.class)
        .hasMessageContaining("Access denied for user 'nw_nobody'");
  }

  @Test
  void statusEndpointsAnswerWhileTheDaemonWaitsAndSayWhy() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, wrongPassword(), DaemonFixture.sources(feeds, "/a/"));
    Daemon d = DaemonFixture.create(cfg);
    CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
      try {
        d.start("errors", "node-errors");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      await("status listener up", Duration.ofSeconds(20), () -> d.web() != null
          && d.web().statusPort() > 0);
      // Before the first attempt ends it says "not connected yet"; then the server's reason.
      Map.Entry<Integer, String> first = DaemonFixture.get(d.web().statusPort(), "/healthz");
      assertThat(first.getKey()).isEqualTo(503);
      await("the first attempt's reason", Duration.ofSeconds(20), () -> health(d)
          .getValue().contains("Access denied"));
      Map.Entry<Integer, String> health = health(d);
      assertThat(health.getKey()).isEqualTo(503);
      assertThat(health.getValue()).contains("Access denied for user 'nw_nobody'")
          .contains("\"scheduler\" : \"starting\"");
      Map.Entry<Integer, String> sources = DaemonFixture.get(d.web().statusPort(),
          "/api/sources");
      assertThat(sources.getKey()).isEqualTo(503);
      assertThat(sources.getValue()).contains("Access denied for user 'nw_nobody'");
      assertThat(starting).isNotDone();
    } finally {
      d.stop();
      starting.get(60, TimeUnit.SECONDS);
    }
  }

  private static Map.Entry<Integer, String> health(Daemon d) {
    try {
      return DaemonFixture.get(d.web().statusPort(), "/healthz");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void pollPrintsTheServersReason() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, unknownDatabase(),
        DaemonFixture.sources(feeds, "/a/"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "poll", "--config", cfg.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("poll.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("poll.log"));
    assertThat(p.exitValue()).as(out).isEqualTo(2);
    assertThat(out).contains("newswire poll: cannot connect to")
        .contains("Unknown database 'nw_missing_db'");
    assertThat(feeds.count("/a/")).isZero();
  }
}
