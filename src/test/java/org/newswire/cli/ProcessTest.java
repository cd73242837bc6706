package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.cli.DaemonFixture.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

/** {@code newswire run} as a real process: SIGTERM and kill -9. */
class ProcessTest {
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

  private Process run(Path cfg) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run", "--config", cfg.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("out.log").toFile());
    return pb.start();
  }

  private long[] items() throws Exception {
    try (Database d = Database.open(db); Connection c = d.dataSource().getConnection();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT source_id,"
             // The feed's own GUID (else link): the unique key on identity_hash would make a
             // count of distinct identities always equal COUNT(*).
             + " COALESCE(guid, link)) FROM item")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private String log() throws Exception {
    File f = dir.resolve("out.log").toFile();
    return f.exists() ? Files.readString(f.toPath()) : "";
  }

  @Test
  void sigtermFinishesTheRunningPollAndExitsZero() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/slow/"));
    feeds.delay = Duration.ofSeconds(3);
    Process p = run(cfg);
    try {
      await("poll in flight", Duration.ofSeconds(60), () -> feeds.count("/slow/") == 1);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("exited").isTrue();
      assertThat(p.exitValue()).as(log()).isZero();
      assertThat(items()).containsExactly(2, 2);
      assertThat(log()).contains("stopping: no new polls", "stopped");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void killDashNineLosesNothingAndDuplicatesNothing() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, db, DaemonFixture.sources(feeds, "/k1/", "/k2/"));
    feeds.delay = Duration.ofSeconds(3);
    Process p = run(cfg);
    try {
      await("polls in flight", Duration.ofSeconds(60),
          () -> feeds.count("/k1/") == 1 && feeds.count("/k2/") == 1);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL mid-poll
    } finally {
      p.destroyForcibly();
    }
    assertThat(items()).containsExactly(0, 0); // nothing half-written
    feeds.delay = Duration.ZERO;
    Daemon d = DaemonFixture.start(cfg, "k9", "node-after");
    try {
      await("claims expired and sources polled again", Duration.ofSeconds(30),
          () -> feeds.count("/k1/") == 2 && feeds.count("/k2/") == 2);
      await("items stored once", Duration.ofSeconds(10), () -> {
        try {
          long[] n = items();
          return n[0] == 4 && n[1] == 4;
        } catch (Exception e) {
          return false;
        }
      });
    } finally {
      d.stop();
    }
    assertThat(List.of(feeds.count("/k1/"), feeds.count("/k2/"))).containsExactly(2, 2);
  }
}
