package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Which failures a shared poll write retries poll by poll ({@link PollWriter}). */
class TransactionsTest {
  @Test
  void aServerThatCannotBeReachedIsALostConnectionAndARefusedRowIsNot() {
    SQLException refused = null;
    try {
      // Nothing listens on port 1: the driver's own failure to connect.
      DriverManager.getConnection("jdbc:mariadb://127.0.0.1:1/test?connectTimeout=2000",
          "root", "").close();
    } catch (SQLException e) {
      refused = e;
    }
    assertThat((Object) refused).isNotNull();
    assertThat(Transactions.isConnectionLost(new DataAccessException("storing", refused)))
        .isTrue();

    SQLException tooLong = new SQLException(
        "Data too long for column 'source_id' at row 2", "22001", 1406);
    assertThat(Transactions.isConnectionLost(new DataAccessException("storing", tooLong)))
        .isFalse();
    assertThat(Transactions.isDeadlock(new DataAccessException("storing", tooLong))).isFalse();
  }
}
