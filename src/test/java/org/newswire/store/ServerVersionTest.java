package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;

/**
 * A server too old for the store's statements (or not MariaDB) is refused at connect with one
 * line that says what to do, instead of failing poll after poll with syntax errors.
 */
class ServerVersionTest {
  @Test
  void mariaDb106AndLaterAreAccepted() {
    assertThat(Database.unsupportedServer("10.6.16-MariaDB-0ubuntu0.22.04.1")).isEmpty();
    assertThat(Database.unsupportedServer("10.11.6-MariaDB-0+deb12u1-log")).isEmpty();
    assertThat(Database.unsupportedServer("11.4.2-MariaDB")).isEmpty();
    // What a proxy may pass on from the handshake of a MariaDB 10 server.
    assertThat(Database.unsupportedServer("5.5.5-10.11.6-MariaDB")).isEmpty();
  }

  @Test
  void olderMariaDbAndMySqlAreRefusedWithWhatToDo() {
    assertThat(Database.unsupportedServer("10.5.23-MariaDB")).hasValueSatisfying(reason ->
        assertThat(reason).contains("MariaDB 10.5").contains("needs MariaDB 10.6 or later")
            .contains("unset db.url"));
    assertThat(Database.unsupportedServer("10.4.32-MariaDB-log")).isPresent();
    assertThat(Database.unsupportedServer("5.5.68-MariaDB")).isPresent();
    assertThat(Database.unsupportedServer("8.0.36")).hasValueSatisfying(reason ->
        assertThat(reason).contains("not MariaDB (version 8.0.36)"));
    assertThat(Database.unsupportedServer(null)).isPresent();
  }

  @Test
  void theTestServerPassesTheCheck() throws SQLException {
    DbSettings settings = TestDatabases.createFresh();
    try (Database db = Database.open(settings);
         Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      assertThat(rs.next()).isTrue();
      assertThat(Database.unsupportedServer(rs.getString(1))).isEmpty();
      assertThat(db.problem(java.time.Duration.ofSeconds(5))).isEmpty();
    } finally {
      TestDatabases.drop(settings);
    }
  }
}
