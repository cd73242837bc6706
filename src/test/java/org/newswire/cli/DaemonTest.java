package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.cli.DaemonFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.model.Source;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

/** {@code newswire run} in-process against a real MariaDB and MockWebServer feeds. */
class DaemonTest {
  @TempDir Path dir;
  private DbSettings db;
  private FeedServer feeds;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.createFresh();
    feeds = new FeedServer();
  }

  @AfterEach
  void tearDown() {
    feeds.close();
    TestDatabases.drop(db);
  }

  private long items(Database database) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT source_id,"
             // The feed's own GUID (else link): the unique key on identity_hash would make a
             // count of distinct identities always equal COUNT(*).
             + " COALESCE(guid, link)) FROM item")) {
      rs.next();
      assertThat(rs.getLong(1)).as("no duplicates").isEqualTo(rs.getLong(2));
      return rs.getLong(1);
    }
  }

  @Test
  void pollsEverySourceOnceThenReloadsEditsAndRejectsBadOnes() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/a/", "/b/",
        "/c/"));
    Daemon d = DaemonFixture.start(cfg, "t1", "node-1");
    try {
      await("3 sources polled", Duration.ofSeconds(20),
          () -> feeds.count("/a/") + feeds.count("/b/") + feeds.count("/c/") == 3);
      await("6 items stored", Duration.ofSeconds(10), () -> uncheckedItems(d) == 6);

      // Edit: add /d/, remove /c/. The watcher picks it up without a restart.
      Files.writeString(dir.resolve("sources.yml"), DaemonFixture.sources(feeds, "/a/", "/b/",
          "/d/"));
      await("new source polled", Duration.ofSeconds(20), () -> feeds.count("/d/") == 1);
      assertThat(d.sources()).extracting(Source::id).containsExactly("a", "b", "d");
      assertThat(d.reloadStatus().ok()).isTrue();

      // A broken edit is rejected: old config keeps running, status says so.
      Files.writeString(dir.resolve("sources.yml"), "sources:\n  - id: Bad Id\n    url: x\n");
      await("reload rejected", Duration.ofSeconds(20), () -> !d.reloadStatus().ok());
      assertThat(d.sources()).extracting(Source::id).containsExactly("a", "b", "d");
      assertThat(d.reloadStatus().errors()).anySatisfy(e -> assertThat(e)
          .contains("sources.yml:2:9: 'id' must be"));
      assertThat(d.scheduler().isRunning()).isTrue();

      assertThat(feeds.count("/a/")).isEqualTo(1);
      assertThat(feeds.count("/c/")).isEqualTo(1);

      // What operators see.
      String health = get(d.web().statusPort(), "/healthz", 200);
      assertThat(health).contains("\"status\" : \"ok\"", "\"database\" : \"ok\"",
          "\"last_reload\" : \"failed\"", "sources.yml:2:9");
      String status = get(d.web().statusPort(), "/api/sources", 200);
      assertThat(status).contains("\"id\" : \"a\"", "\"status\" : \"ok\"",
          "\"last_outcome\" : \"fetched\"", "\"http_status\" : 200", "\"next_poll_at\"");
      String metrics = get(d.web().statusPort(), "/metrics", 200);
      assertThat(metrics).contains("newswire_polls_total{outcome=\"fetched\"}",
          "newswire_items_stored_total", "newswire_scheduler_lag_seconds",
          "newswire_db_connections_active", "jvm_memory_used_bytes");
      // The merged feed is served on the readers' port, not the operators' one.
      assertThat(get(d.web().port(), "/feed.json", 200)).contains("Новость первая /a/");
      get(d.web().port(), "/metrics", 404);

      // newswire status reads the same from the daemon; the config names port 0, so point a
      // copy of it at the port actually bound.
      Path statusCfg = dir.resolve("status.yml");
      Files.writeString(statusCfg, Files.readString(cfg).replace("status_listen: 127.0.0.1:0",
          "status_listen: 127.0.0.1:" + d.web().statusPort()));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.PrintStream saved = System.out;
      int code;
      try {
        System.setOut(new java.io.PrintStream(out, true, "UTF-8"));
        code = Main.commandLine().execute("status", "--config", statusCfg.toString());
      } finally {
        System.setOut(saved);
      }
      assertThat(code).isZero();
      assertThat(out.toString("UTF-8")).containsPattern("(?m)^a +ok +\\d{4}-.*fetched +200 +2 +0 +0 ")
          .containsPattern("(?m)^SOURCE +STATUS");
    } finally {
      d.stop();
    }
  }

  private static String get(int port, String path, int expectedStatus) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
            + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(expectedStatus);
    return r.body();
  }

  private long uncheckedItems(Daemon d) {
    try {
      return items(d.database());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSourceIsPolledAgainWhenItFallsDue() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/due/"));
    Daemon d = DaemonFixture.start(cfg, "t5", "node-e");
    try {
      await("first poll", Duration.ofSeconds(20), () -> feeds.count("/due/") == 1);
      await("state saved", Duration.ofSeconds(10),
          () -> d.database().feeds().state("due").flatMap(s -> s.lastPollAt()).isPresent());
      // The interval floor is a minute; move the saved due time instead of waiting for it.
      var st = d.database().feeds().state("due").orElseThrow();
      assertThat(Duration.between(st.lastPollAt().orElseThrow(), st.nextPollAt().orElseThrow()))
          .isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
      Instant due = Instant.now().plusSeconds(2);
      d.database().feeds().saveState(new org.newswire.store.SourceState(st.sourceId(),
          st.url(), st.etag(), st.lastModified(), st.bodyHash(), st.redirectUrl(),
          st.redirectCount(), st.lastPollAt(), st.lastSuccessAt(), st.lastOutcome(),
          st.lastHttpStatus(), st.lastError(), st.lastNew(), st.lastUpdated(),
          st.consecutiveFailures(), st.failingSince(), java.util.Optional.of(due),
          st.quietPolls()));
      await("second poll", Duration.ofSeconds(10), () -> feeds.count("/due/") == 2);
      Instant polled = Instant.now();
      assertThat(polled).isAfterOrEqualTo(due.minusMillis(50));
      // Tick 200 ms: due sources are taken within a tick or two.
      assertThat(Duration.between(due, polled)).isLessThan(Duration.ofSeconds(2));
    } finally {
      d.stop();
    }
  }

  @Test
  void twoDaemonsOnOneDatabaseNeverPollASourceTwice() throws Exception {
    String[] paths = IntStream.range(0, 24).mapToObj(i -> "/s" + i + "/")
        .toArray(String[]::new);
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, paths));
    feeds.delay = Duration.ofMillis(100);
    // One cluster, two instances: Quartz's cluster lock and the claims are both exercised.
    Daemon one = DaemonFixture.start(cfg, "t2", "node-a");
    Daemon two = DaemonFixture.start(cfg, "t2", "node-b");
    try {
      await("both instances checked in to one Quartz cluster", Duration.ofSeconds(20),
          () -> clusterInstances(one.database(), "t2") == 2);
      await("all 24 polled", Duration.ofSeconds(30),
          () -> List.of(paths).stream().allMatch(p -> feeds.count(p) >= 1));
      Thread.sleep(1000);
      for (String p : paths) {
        assertThat(feeds.count(p)).as("requests to " + p).isEqualTo(1);
      }
      await("48 items", Duration.ofSeconds(10), () -> uncheckedItems(one) == 48);
    } finally {
      one.stop();
      two.stop();
    }
  }

  private static long clusterInstances(Database database, String cluster) {
    try (Connection c = database.dataSource().getConnection();
         java.sql.PreparedStatement s = c.prepareStatement(
             "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?")) {
      s.setString(1, cluster);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void claimsOfADeadProcessAreTakenOver() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/x/", "/y/"));
    // A process that claimed both sources and was killed -9: its claims hold for the lease.
    try (Database raw = Database.open(db)) {
      raw.schedule().sync(java.util.Map.of("x", Duration.ofMinutes(1), "y",
          Duration.ofMinutes(1)), java.util.Map.of("x", feeds.url("/x/"), "y",
          feeds.url("/y/")), Instant.now());
      assertThat(raw.schedule().claimDue("dead", 10, Instant.now(), Duration.ofSeconds(3)))
          .hasSize(2);
    }
    Instant started = Instant.now();
    Daemon d = DaemonFixture.start(cfg, "t3", "node-c");
    try {
      await("taken over", Duration.ofSeconds(30),
          () -> feeds.count("/x/") == 1 && feeds.count("/y/") == 1);
      assertThat(Duration.between(started, Instant.now())).isGreaterThan(Duration.ofSeconds(2));
    } finally {
      d.stop();
    }
  }

  @Test
  void stopLetsARunningPollFinish() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/slow/"));
    feeds.delay = Duration.ofSeconds(2);
    Daemon d = DaemonFixture.start(cfg, "t4", "node-d");
    await("poll started", Duration.ofSeconds(20), () -> feeds.count("/slow/") == 1);
    Database database = d.database();
    long itemsBefore;
    try (Database check = Database.open(db)) {
      itemsBefore = items(check);
      d.stop();
      assertThat(itemsBefore).isZero();
      assertThat(items(check)).isEqualTo(2);
    }
    assertThat(database).isNotNull();
  }
}
