package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;

/**
 * A statement that cannot get a connection reports the server's reason, not the pool's
 * "Connection is not available, request timed out after …" that wraps it.
 */
class DatabaseReasonTest {
  private DbSettings good;

  @BeforeEach
  void setUp() {
    good = TestDatabases.createFresh();
  }

  @AfterEach
  void tearDown() {
    TestDatabases.drop(good);
  }

  @Test
  void theServersMessageIsDugOutOfThePoolsTimeout() {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(good.url().orElseThrow());
    c.setUsername("nw_nobody");
    c.setPassword("wrong-password");
    c.setConnectionTimeout(1000);
    c.setInitializationFailTimeout(-1);
    try (HikariDataSource pool = new HikariDataSource(c)) {
      Throwable e = catchThrowable(() -> DSL.using(pool, SQLDialect.MARIADB).fetch("SELECT 1"));
      // jOOQ's "Error getting connection" wraps the pool's timeout, which wraps the server's no.
      assertThat(e.getCause()).hasMessageContaining("request timed out");
      assertThat(Database.reason(e)).startsWith("Access denied for user 'nw_nobody'");
    }
  }
}
