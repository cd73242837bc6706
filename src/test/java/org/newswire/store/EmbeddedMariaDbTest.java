package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;

/**
 * The embedded database: private (loopback only, grants on, its files its owner's alone),
 * small, durable, shared with a second process's start, and rid of a dead owner's leftover.
 */
class EmbeddedMariaDbTest {
  private static Path freshDir(String name) throws IOException {
    Path base = Path.of("target/embedded-tests").toAbsolutePath();
    Files.createDirectories(base);
    return Files.createTempDirectory(base, name);
  }

  @Test
  void privateSmallAndAnsweringWithItsOwnCredentialsOnly() throws Exception {
    Path dir = freshDir("private-");
    try (EmbeddedMariaDb db = EmbeddedMariaDb.open(dir, StoppableMariaDb.serverDir(), 0, false,
        DbSettings.DEFAULT_BUFFER_POOL)) {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT @@bind_address, @@skip_grant_tables,"
               + " @@innodb_buffer_pool_size")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
        assertThat(rs.getInt(2)).isZero();
        assertThat(rs.getLong(3)).isEqualTo(128L * 1024 * 1024);
      }
      assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
      assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "root", ""))
          .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
      assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "", ""))
          .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");

      InetAddress outside = nonLoopbackAddress();
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(outside, db.port()), 3000);
        }
      }).as("connection to %s:%d", outside, db.port()).isInstanceOf(ConnectException.class);

      assertThat(mode(dir.resolve("credentials.properties"))).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("server.properties"))).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("db"))).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("tmp"))).isEqualTo("rwx------");
      assertThat(dir.resolve("db/mariadbd.sock")).exists();
      assertThat(dir.resolve("db/mariadbd.pid")).exists();
      assertThat(dir.resolve("tmp/init.sql")).as("password-bearing init file removed")
          .doesNotExist();
      try (Stream<Path> all = Files.walk(dir)) {
        assertThat(all.filter(p -> !Files.isSymbolicLink(p))
            .filter(p -> posix(p).contains(PosixFilePermission.OTHERS_WRITE)).toList())
            .as("world-writable files").isEmpty();
      }
      Properties args = commandLine(db.pid());
      assertThat(args.getProperty("--socket")).startsWith(dir.toString());
      assertThat(args.getProperty("--tmpdir")).startsWith(dir.toString());
      assertThat(args.getProperty("--basedir")).doesNotStartWith(dir.toString());
      assertThat(args).doesNotContainKey("--skip-grant-tables");
    }
    long kib = duKib(dir);
    assertThat(kib).as("fresh data directory in KiB").isLessThan(200 * 1024);
  }

  @Test
  void secondStartSharesTheServerAndADeadOwnersLeftoverIsStopped() throws Exception {
    Path dir = freshDir("shared-");
    // What an older version left: its own copy of the binaries inside the data directory.
    Files.createDirectories(dir.resolve("base/bin"));
    Files.writeString(dir.resolve("base/bin/mariadbd"), "old binary");
    EmbeddedMariaDb first = EmbeddedMariaDb.open(dir, StoppableMariaDb.serverDir(), 0, false,
        DbSettings.DEFAULT_BUFFER_POOL);
    long leftover = first.pid();
    try {
      assertThat(dir.resolve("base")).doesNotExist();
      try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.user(),
               first.password());
           Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (title VARCHAR(64)) CHARACTER SET utf8mb4");
        s.execute("INSERT INTO kept VALUES ('Кабар')");
      }
      try (EmbeddedMariaDb second = EmbeddedMariaDb.open(dir, StoppableMariaDb.serverDir(), 0,
          false, DbSettings.DEFAULT_BUFFER_POOL)) {
        assertThat(second.owned()).isFalse();
        assertThat(second.pid()).isEqualTo(leftover);
        assertThat(second.port()).isEqualTo(first.port());
      }
      assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).as("still running")
          .contains(true);

      // The owner dies without stopping its server: its record now names a process gone.
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor(10, TimeUnit.SECONDS);
      ServerState st = ServerState.read(dir).orElseThrow();
      new ServerState(st.pid(), st.port(), gone.pid(), Optional.empty()).write(dir);

      try (EmbeddedMariaDb next = EmbeddedMariaDb.open(dir, StoppableMariaDb.serverDir(), 0,
          false, DbSettings.DEFAULT_BUFFER_POOL)) {
        assertThat(next.owned()).isTrue();
        assertThat(next.pid()).isNotEqualTo(leftover);
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).as("leftover")
            .isNotEqualTo(Optional.of(true));
        try (Connection c = DriverManager.getConnection(next.jdbcUrl(), next.user(),
                 next.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT title FROM kept")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("Кабар");
        }
      }
    } finally {
      ProcessHandle.of(leftover).ifPresent(ProcessHandle::destroy);
    }
  }

  @Test
  void healthAnswersWithinItsOwnBoundWhenThePoolIsBusyOrTheServerStalls() throws Exception {
    Path dir = freshDir("health-");
    DbSettings settings = new DbSettings(Optional.empty(), "ignored", "", dir, 2,
        StoppableMariaDb.serverDir(), 96L * 1024 * 1024);
    try (Database db = Database.open(settings)) {
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT @@innodb_buffer_pool_size")) {
        rs.next();
        assertThat(rs.getLong(1)).as("db.buffer_pool_size").isEqualTo(96L * 1024 * 1024);
      }
      List<Connection> held = new ArrayList<>();
      try {
        held.add(db.dataSource().getConnection());
        held.add(db.dataSource().getConnection());
        assertThat(db.problem(Duration.ofSeconds(2))).as("pool exhausted, server fine")
            .isEmpty();
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
      long pid = db.embedded().orElseThrow().pid();
      signal("STOP", pid);
      try {
        assertThat(db.problem(Duration.ofSeconds(2)))
            .hasValue("the database did not answer within 2000 ms");
      } finally {
        signal("CONT", pid);
      }
      assertThat(db.problem(Duration.ofSeconds(5))).isEmpty();
    }
  }

  @Test
  void onlyPathsBelowTheTempDirectoryAreRewritten() {
    String tmp = System.getProperty("java.io.tmpdir");
    assertThat(MariaDbServer.keptDataDir(Path.of(tmp, "x", "db"))).startsWith("/./")
        .endsWith("/x/db");
    assertThat(MariaDbServer.keptDataDir(Path.of("/var/lib/newswire/db")))
        .isEqualTo("/var/lib/newswire/db");
  }

  private static void signal(String sig, long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor())
        .isZero();
  }

  private static InetAddress nonLoopbackAddress() throws IOException {
    List<InetAddress> found = new ArrayList<>();
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nif.isUp() && !nif.isLoopback()) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            found.add(a);
          }
        }
      }
    }
    found.sort((a, b) -> Boolean.compare(!(a instanceof Inet4Address), !(b instanceof Inet4Address)));
    assumeTrue(!found.isEmpty(), "this machine has no non-loopback address");
    return found.get(0);
  }

  private static Properties commandLine(long pid) {
    Properties p = new Properties();
    for (String a : ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow()) {
      int eq = a.indexOf('=');
      p.setProperty(eq < 0 ? a : a.substring(0, eq), eq < 0 ? "" : a.substring(eq + 1));
    }
    return p;
  }

  private static java.util.Set<PosixFilePermission> posix(Path p) {
    try {
      return Files.getPosixFilePermissions(p);
    } catch (IOException e) {
      return java.util.Set.of(); // a socket or file that vanished while walking
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static long duKib(Path dir) throws Exception {
    Process du = new ProcessBuilder("du", "-sk", dir.toString()).start();
    String out = new String(du.getInputStream().readAllBytes()).trim();
    assertThat(du.waitFor()).isZero();
    return Long.parseLong(out.split("\\s+")[0]);
  }
}
