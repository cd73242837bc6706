package org.newswire.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * The MariaDB server's InnoDB buffer pool for a run, sized as README tells operators to size
 * it: the story index of the window (about {@link #BYTES_PER_WINDOW_ITEM} a stored item) on top
 * of MariaDB's default. With the machine's default 128 MB pool a store of 500,000 items reads
 * its story index from disk on every changed poll, and the daemon warns about it daily; a run
 * measured so measures that warning, not the daemon. {@code --buffer-pool as-is} measures the
 * server as configured. The old size is set back when the run ends, however it ends.
 */
final class BufferPool {
  /** README ("Sizing"): about 3.7 KB of pool per item in the window with stories on. */
  static final long BYTES_PER_WINDOW_ITEM = 3_700;
  /** MariaDB resizes in chunks; sizes are rounded up to whole GiB to stay clear of them. */
  private static final long GIB = 1L << 30;

  private BufferPool() {}

  /** MariaDB's default pool: what the rest of a run's store (items, states) is measured with. */
  private static final long BASE = 128L << 20;

  /**
   * The pool a run storing {@code items} items wants instead of {@code current}: none (empty)
   * with stories off, when {@code current} is at least that large, or when the option says
   * {@code as-is}; else MariaDB's default 128 MiB plus the window's story index, rounded up to
   * a GiB.
   *
   * @param option {@code auto}, {@code as-is}, or a size in MiB
   */
  static OptionalLong wanted(String option, long items, boolean stories, long current) {
    if (option.equals("as-is")) {
      return OptionalLong.empty();
    }
    long want;
    if (option.equals("auto")) {
      if (!stories) {
        return OptionalLong.empty();
      }
      long bytes = BASE + items * BYTES_PER_WINDOW_ITEM;
      want = (bytes + GIB - 1) / GIB * GIB;
    } else {
      want = Long.parseLong(option) << 20;
    }
    return want > current ? OptionalLong.of(want) : OptionalLong.empty();
  }

  /** The server's pool now, in bytes. */
  static long current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@global.innodb_buffer_pool_size")) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Sets the pool to {@code bytes} and waits (at most a minute) until the server says the
   * resize is complete.
   */
  static void resize(Connection c, long bytes) throws SQLException, InterruptedException {
    try (Statement s = c.createStatement()) {
      s.execute("SET GLOBAL innodb_buffer_pool_size = " + bytes);
      for (int i = 0; i < 600; i++) {
        try (ResultSet r = s.executeQuery(
            "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'")) {
          String status = r.next() ? r.getString(2) : "";
          if (status == null || status.isEmpty() || status.startsWith("Completed")) {
            return;
          }
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Raises the pool for the run when {@link #wanted} says so, logs what it did, and puts the
   * old size back at exit (a shutdown hook: also after a failure or Ctrl-C).
   */
  static void sizeForRun(Options o, long items, java.util.function.Consumer<String> log)
      throws SQLException, InterruptedException {
    try (Connection admin = DriverManager.getConnection(o.dbServer(), o.dbUser(),
        o.dbPassword())) {
      long before = current(admin);
      OptionalLong want = wanted(o.bufferPool(), items, o.stories(), before);
      if (want.isEmpty()) {
        log.accept(String.format("MariaDB's buffer pool: %,d MiB, as configured%s", before >> 20,
            o.stories() && o.bufferPool().equals("auto") ? " (it holds the story index of the "
                + String.format("%,d", items) + " items the run stores)" : ""));
        return;
      }
      resize(admin, want.getAsLong());
      log.accept(String.format("MariaDB's buffer pool raised from %,d to %,d MiB for the run, as"
          + " README sizes it for the story index of the %,d items the run stores (%,d bytes an"
          + " item); set back at exit; --buffer-pool as-is measures it as configured",
          before >> 20, current(admin) >> 20, items, BYTES_PER_WINDOW_ITEM));
      BenchDb.restoreAtExit(o, "MariaDB's buffer pool", c -> {
        resize(c, before);
        System.out.printf("# MariaDB's buffer pool set back to %,d MiB%n", current(c) >> 20);
      }, "SET GLOBAL innodb_buffer_pool_size = " + before);
    }
  }
}
