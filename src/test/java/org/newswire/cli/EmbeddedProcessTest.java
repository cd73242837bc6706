package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.cli.DaemonFixture.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.store.StoppableMariaDb;

/**
 * The daemon on its embedded MariaDB as real processes: the CLI beside it uses its server;
 * {@code kill -9} of mariadbd is survived (the daemon starts it again and polls on);
 * {@code kill -9} of the daemon leaves a server behind that the next start stops, losing nothing.
 */
class EmbeddedProcessTest {
  private Path dir;
  private Path data;
  private FeedServer feeds;
  private int statusPort;

  @BeforeEach
  void setUp() throws Exception {
    Path base = Path.of("target/embedded-process").toAbsolutePath();
    Files.createDirectories(base);
    dir = Files.createTempDirectory(base, "run-");
    data = dir.resolve("data");
    feeds = new FeedServer();
    try (ServerSocket s = new ServerSocket(0)) {
      statusPort = s.getLocalPort();
    }
    Files.writeString(dir.resolve("newswire.yml"), """
        db:
          data_dir: data
          server_dir: %s
          pool_size: 4
        fetch:
          allow_private_networks: true
          call_timeout: 10s
        http:
          listen: 127.0.0.1:0
          status_listen: 127.0.0.1:%d
        scheduler:
          threads: 2
          tick: 200ms
          lease: 5s
        """.formatted(StoppableMariaDb.serverDir(), statusPort));
    Files.writeString(dir.resolve("sources.yml"), DaemonFixture.sources(feeds, "/e1/"));
  }

  @AfterEach
  void tearDown() {
    feeds.close();
  }

  private Process newswire(String log, String... args) throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--config", dir.resolve("newswire.yml").toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile()).start();
  }

  private String log(String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private Properties file(String name) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(data.resolve(name))));
    return p;
  }

  private long serverPid() throws IOException {
    return Long.parseLong(file("server.properties").getProperty("pid"));
  }

  private long items() {
    try {
      Properties creds = file("credentials.properties");
      String url = "jdbc:mariadb://127.0.0.1:" + file("server.properties").getProperty("port")
          + "/newswire";
      try (Connection c = DriverManager.getConnection(url, creds.getProperty("user"),
               creds.getProperty("password"));
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT source_id,"
               + " identity_hash) FROM item")) {
        rs.next();
        assertThat(rs.getLong(1)).as("no duplicates").isEqualTo(rs.getLong(2));
        return rs.getLong(1);
      }
    } catch (Exception e) {
      return -1;
    }
  }

  private boolean healthy() {
    try {
      return DaemonFixture.get(statusPort, "/healthz").getKey() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * A stop signal sent to the daemon and its server at once (as {@code timeout}, {@code kill --
   * -PGID} or a unit with {@code KillMode=control-group} send it to the whole process group):
   * the log says what happened without calling it unexpected, the daemon's stop completes (the
   * server is started again for it), and no server is left running.
   */
  @Test
  void aStopSignalThatReachesTheServerToo() throws Exception {
    Process daemon = newswire("group.log", "run");
    long server = -1;
    try {
      await("daemon healthy", Duration.ofSeconds(90), this::healthy);
      await("e1 stored", Duration.ofSeconds(30), () -> items() == 2);
      server = serverPid();
      assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid()),
          Long.toString(server)).start().waitFor()).isZero();
      assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as(log("group.log")).isTrue();
      assertThat(daemon.exitValue()).as(log("group.log")).isZero();
      long first = server;
      await("the server stopped", Duration.ofSeconds(30), () -> !alive(first));
      String log = log("group.log");
      assertThat(log)
          .contains("stopped while newswire stops (the stop signal reached it too); starting it"
              + " again until newswire has stopped")
          .doesNotContain("exited unexpectedly")
          .contains("Daemon: stopped");
      assertThat(Files.exists(data.resolve("server.properties")))
          .as("no server recorded as running").isFalse();
      assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
              .map(c -> c.contains("mariadbd") && c.contains(data.toString())).orElse(false))
          .toList()).as("no server left on the data directory").isEmpty();
    } finally {
      daemon.destroyForcibly();
      if (server > 0) {
        ProcessHandle.of(server).ifPresent(ProcessHandle::destroy);
      }
    }
  }

  @Test
  void cliSharesTheServerAndKilledProcessesAreRecoveredFrom() throws Exception {
    Process first = newswire("first.log", "run");
    Process second = null;
    long orphan = -1;
    try {
      await("first daemon healthy", Duration.ofSeconds(90), this::healthy);
      await("e1 stored", Duration.ofSeconds(30), () -> items() == 2);
      long server = serverPid();

      // The CLI beside the daemon uses the daemon's server.
      Process poll = newswire("poll.log", "poll");
      assertThat(poll.waitFor(60, TimeUnit.SECONDS)).as("poll finished").isTrue();
      assertThat(poll.exitValue()).as(log("poll.log")).isZero();
      assertThat(log("poll.log")).contains("e1").doesNotContain("Magic string");
      assertThat(serverPid()).isEqualTo(server);
      assertThat(alive(server)).as("the daemon's server still runs after poll").isTrue();

      // kill -9 of mariadbd: the daemon starts it again and polling goes on.
      ProcessHandle.of(server).orElseThrow().destroyForcibly();
      await("a new server", Duration.ofSeconds(60), () -> {
        try {
          return serverPid() != server && healthy();
        } catch (IOException e) {
          return false;
        }
      });
      assertThat(first.isAlive()).isTrue();
      Files.writeString(dir.resolve("sources.yml"), DaemonFixture.sources(feeds, "/e1/",
          "/e2/"));
      // reload: the file watcher does it; SIGHUP too, in case the watcher is slow
      new ProcessBuilder("kill", "-HUP", Long.toString(first.pid())).start().waitFor();
      await("e2 polled and stored after the restart", Duration.ofSeconds(60),
          () -> items() == 4);
      assertThat(log("first.log")).contains("exited unexpectedly; starting it again");

      // kill -9 of the daemon leaves its server running; the next start stops it.
      orphan = serverPid();
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertThat(alive(orphan)).as("mariadbd outlives a killed daemon").isTrue();
      second = newswire("second.log", "run");
      await("second daemon healthy", Duration.ofSeconds(30), this::healthy);
      assertThat(alive(orphan)).as("the leftover server").isFalse();
      assertThat(log("second.log")).contains("left running on");
      assertThat(items()).as("nothing lost").isEqualTo(4);
      long secondServer = serverPid();
      second.destroy(); // SIGTERM
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(log("second.log")).isZero();
      await("the server stopped with its daemon", Duration.ofSeconds(30),
          () -> !alive(secondServer));
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly();
      }
      if (Files.exists(data.resolve("server.properties"))) {
        ProcessHandle.of(serverPid()).ifPresent(ProcessHandle::destroy);
      }
      if (orphan > 0) {
        ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroy);
      }
    }
  }
}
