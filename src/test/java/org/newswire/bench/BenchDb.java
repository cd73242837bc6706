package org.newswire.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for the harness: a scratch database per scenario, progress and the final check. */
final class BenchDb implements AutoCloseable {
  final String server;
  final String name;
  final String user;
  final String password;
  private final Connection c;

  private BenchDb(String server, String name, String user, String password, Connection c) {
    this.server = server;
    this.name = name;
    this.user = user;
    this.password = password;
    this.c = c;
  }

  /** What a server setting is set back with, on an admin connection of its own. */
  interface Restore {
    void run(Connection admin) throws SQLException, InterruptedException;
  }

  /**
   * Runs {@code restore} when the harness's JVM exits, however it ends (a failure, Ctrl-C,
   * SIGTERM): a server setting the run changed goes back. If it cannot, prints {@code what} and
   * the statement that sets it back by hand ({@code byHand}).
   */
  static void restoreAtExit(Options o, String what, Restore restore, String byHand) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Connection admin = DriverManager.getConnection(o.dbServer(), o.dbUser(),
          o.dbPassword())) {
        restore.run(admin);
      } catch (SQLException | InterruptedException e) {
        System.out.printf("# %s NOT set back (%s): %s%n", what, e.getMessage(), byHand);
      }
    }, "restore-" + what.replace(' ', '-')));
  }

  /** @param server e.g. {@code jdbc:mariadb://127.0.0.1:3306/} */
  static BenchDb createFresh(String server, String name, String user, String password)
      throws SQLException {
    try (Connection admin = DriverManager.getConnection(server, user, password);
        Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
      s.execute("CREATE DATABASE `" + name
          + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    return new BenchDb(server, name, user, password,
        DriverManager.getConnection(url(server, name), user, password));
  }

  /** The login the daemons use: a user of their own, so that its statistics are theirs. */
  static final String DAEMON_USER = "nwbench_daemon";
  private static final String DAEMON_PASSWORD = "nwbench";

  /**
   * {user, password} for the daemons: {@link #DAEMON_USER} with every privilege on the
   * {@code nwbench_*} databases, created if need be; the harness's own login when it may not
   * create users (then the per-user counters also count the harness's queries).
   */
  String[] daemonLogin() {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS '" + DAEMON_USER + "'@'%' IDENTIFIED BY '"
          + DAEMON_PASSWORD + "'");
      s.execute("GRANT ALL PRIVILEGES ON `nwbench\\_%`.* TO '" + DAEMON_USER + "'@'%'");
      return new String[] {DAEMON_USER, DAEMON_PASSWORD};
    } catch (SQLException e) {
      return new String[] {user, password};
    }
  }

  static String url(String server, String name) {
    return server + name;
  }

  String url() {
    return url(server, name);
  }

  Connection connection() {
    return c;
  }

  long count(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Whether the daemon has created its schema yet (it migrates at start). */
  boolean hasTable(String table) throws SQLException {
    return count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
        + name + "' AND table_name = '" + table + "'") > 0;
  }

  Timestamp utcNow() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT UTC_TIMESTAMP(6)")) {
      r.next();
      return r.getTimestamp(1);
    }
  }

  /** Sources whose poll finished (state saved) at or after {@code since}. */
  long polledSince(Timestamp since) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT COUNT(*) FROM source_state WHERE last_poll_at >= ?")) {
      p.setTimestamp(1, since);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Makes every source due now: the start of a cycle. */
  void makeAllDue() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE source_state SET next_poll_at = UTC_TIMESTAMP(6)");
    }
  }

  /**
   * Checks that the items are exactly those the fixture published: for source {@code s} the
   * guids {@code 0 .. 2g+49} where g is its generation, each once. Returns the problems found
   * (empty when all is well), at most a few.
   */
  List<String> verify(FixtureServer fixture) throws SQLException {
    List<String> problems = new ArrayList<>();
    int n = fixture.sources();
    boolean[] seen = new boolean[n];
    long expectedTotal = 0;
    for (int s = 0; s < n; s++) {
      expectedTotal += SyntheticFeeds.ITEMS
          + (long) SyntheticFeeds.NEW_PER_GENERATION * fixture.generation(s);
    }
    String sql = "SELECT source_id, COUNT(*), COUNT(DISTINCT guid),"
        + " MIN(CAST(SUBSTRING_INDEX(guid, ':', -1) AS UNSIGNED)),"
        + " MAX(CAST(SUBSTRING_INDEX(guid, ':', -1) AS UNSIGNED)),"
        + " SUM(SUBSTRING_INDEX(guid, ':', 3) <> CONCAT('urn:newswire-bench:',"
        + " CAST(SUBSTRING(source_id, 2) AS UNSIGNED)))"
        + " FROM item GROUP BY source_id";
    long total = 0;
    try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
      while (r.next()) {
        int s = Integer.parseInt(r.getString(1).substring(1));
        long count = r.getLong(2);
        total += count;
        long expected = SyntheticFeeds.ITEMS
            + (long) SyntheticFeeds.NEW_PER_GENERATION * fixture.generation(s);
        seen[s] = true;
        if (count != expected || r.getLong(3) != count || r.getLong(4) != 0
            || r.getLong(5) != expected - 1 || r.getLong(6) != 0) {
          add(problems, "source " + s + ": " + count + " items (" + r.getLong(3)
              + " distinct, guids " + r.getLong(4) + ".." + r.getLong(5) + ", " + r.getLong(6)
              + " foreign), expected guids 0.." + (expected - 1));
        }
      }
    }
    for (int s = 0; s < n; s++) {
      if (!seen[s]) {
        add(problems, "source " + s + ": no items");
      }
    }
    if (total != expectedTotal) {
      problems.add(0, "items: " + total + " stored, " + expectedTotal + " published");
    }
    return problems;
  }

  private static void add(List<String> problems, String p) {
    if (problems.size() < 5) {
      problems.add(p);
    }
  }

  void drop() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
