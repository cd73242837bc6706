package org.newswire.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB's own counters around a measured window: the server-wide ones (commits, fsyncs, row
 * lock waits, handler calls, statements) and, when the daemons log in as a user of their own,
 * that user's statistics ({@code information_schema.USER_STATISTICS}, needs {@code userstat}),
 * which other clients of a shared server cannot disturb. Figures are per poll.
 */
final class DbCounters {
  /** Server-wide counters: every client of the server adds to them. */
  static final List<String> GLOBAL = List.of("Com_commit", "Handler_commit",
      "Innodb_data_fsyncs", "Innodb_os_log_fsyncs", "Innodb_row_lock_waits",
      "Innodb_row_lock_time", "Handler_read_key", "Handler_read_next", "Handler_update",
      "Handler_write", "Questions", "Innodb_buffer_pool_reads");
  /** The daemon user's own: statements, commits, rows, and the server's busy and CPU time. */
  static final List<String> USER = List.of("COMMIT_TRANSACTIONS", "ROLLBACK_TRANSACTIONS",
      "SELECT_COMMANDS", "UPDATE_COMMANDS", "OTHER_COMMANDS", "ROWS_READ", "ROWS_INSERTED",
      "ROWS_UPDATED", "BYTES_RECEIVED", "BYTES_SENT", "BUSY_TIME", "CPU_TIME");

  private DbCounters() {}

  /** A snapshot: counter name → value ("user." for the daemon user's statistics). */
  static Map<String, Double> read(Connection c, String daemonUser) throws SQLException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('"
            + String.join("','", GLOBAL) + "')")) {
      while (r.next()) {
        out.put(r.getString(1), Double.parseDouble(r.getString(2)));
      }
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM information_schema.USER_STATISTICS"
            + " WHERE USER = '" + daemonUser.replace("'", "''") + "'")) {
      if (r.next()) {
        for (String k : USER) {
          out.put("user." + k, r.getDouble(k));
        }
      }
    } catch (SQLException e) {
      // no USER_STATISTICS (not MariaDB, or no privilege): the global counters only
    }
    return out;
  }

  /** {@code (after - before) / polls} for every counter present in both. */
  static Map<String, Double> perPoll(Map<String, Double> before, Map<String, Double> after,
      long polls) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      Double b = before.get(k);
      if (b != null) {
        out.put(k, (v - b) / polls);
      }
    });
    return out;
  }

  /** One line of the figures that say where a poll's database work goes. */
  static String describe(Map<String, Double> perPoll, boolean ownUser) {
    StringBuilder s = new StringBuilder();
    if (ownUser && perPoll.containsKey("user.COMMIT_TRANSACTIONS")) {
      double statements = perPoll.get("user.SELECT_COMMANDS") + perPoll.get("user.UPDATE_COMMANDS")
          + perPoll.get("user.OTHER_COMMANDS");
      s.append(String.format("daemon's user per poll: %.3f commits, %.2f statements"
              + " (%.2f select, %.2f update, %.2f other), %.1f rows read, %.3f rows written,"
              + " server busy %.3f ms (CPU %.3f ms) | ",
          perPoll.get("user.COMMIT_TRANSACTIONS"), statements, perPoll.get("user.SELECT_COMMANDS"),
          perPoll.get("user.UPDATE_COMMANDS"), perPoll.get("user.OTHER_COMMANDS"),
          perPoll.get("user.ROWS_READ"),
          perPoll.get("user.ROWS_INSERTED") + perPoll.get("user.ROWS_UPDATED"),
          1000 * perPoll.get("user.BUSY_TIME"), 1000 * perPoll.get("user.CPU_TIME")));
    }
    s.append("server-wide per poll (every client):");
    for (String k : GLOBAL) {
      if (perPoll.containsKey(k)) {
        s.append(String.format(" %s %.3f", k, perPoll.get(k)));
      }
    }
    return s.toString();
  }

  /**
   * Turns on {@code userstat} (per-user statistics) if it is off, and turns it off again when
   * the JVM exits (a shutdown hook: also after a failure, Ctrl-C or SIGTERM). Without the right
   * to set it (not MariaDB, no SUPER) the run has the global counters only.
   */
  static void enableUserStatsUntilExit(Connection c, Options o) {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@global.userstat")) {
      if (!r.next() || r.getInt(1) != 0) {
        return;
      }
      s.execute("SET GLOBAL userstat = 1");
    } catch (SQLException e) {
      return;
    }
    BenchDb.restoreAtExit(o, "MariaDB's userstat", admin -> {
      try (Statement s = admin.createStatement()) {
        s.execute("SET GLOBAL userstat = 0");
      }
    }, "SET GLOBAL userstat = 0");
  }
}
