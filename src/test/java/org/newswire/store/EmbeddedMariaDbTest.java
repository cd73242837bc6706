package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded database keeps its data across restarts, wherever its directory is. */
class EmbeddedMariaDbTest {
  @Test
  void dataSurvivesARestartEvenBelowTheTempDirectory() throws Exception {
    Path dir = Files.createTempDirectory("newswire-embedded-");
    assertThat(dir.toString()).startsWith(System.getProperty("java.io.tmpdir"));
    try (StoppableMariaDb db = new StoppableMariaDb(dir)) {
      db.start();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "root", "");
           Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (title VARCHAR(64)) CHARACTER SET utf8mb4");
        s.execute("INSERT INTO kept VALUES ('Кабар')");
      }
      db.stop();
      db.start();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "root", "");
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT title FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Кабар");
      }
    }
  }

  @Test
  void onlyPathsBelowTheTempDirectoryAreRewritten() {
    String tmp = System.getProperty("java.io.tmpdir");
    assertThat(EmbeddedMariaDb.keptDataDir(Path.of(tmp, "x", "db"))).startsWith("/./")
        .endsWith("/x/db");
    assertThat(EmbeddedMariaDb.keptDataDir(Path.of("/var/lib/newswire/db")))
        .isEqualTo("/var/lib/newswire/db");
  }
}
