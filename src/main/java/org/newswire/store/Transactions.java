package org.newswire.store;

import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Transactions that InnoDB may pick as a deadlock victim, run again a few times. */
final class Transactions {
  static final int ATTEMPTS = 5;

  private Transactions() {}

  /**
   * Runs {@code work} in a transaction; when InnoDB rolls it back as a deadlock victim (error
   * 1213, SQLSTATE 40001), runs it again from the start, up to {@link #ATTEMPTS} times.
   */
  static <T> T retryingDeadlocks(DSLContext dsl, Function<DSLContext, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
      } catch (DataAccessException e) {
        if (attempt >= ATTEMPTS || !isDeadlock(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * Whether {@code e} says the connection to the server is gone or could not be had (SQLSTATE
   * class 08, or the pool timing out): nothing about the statements, so running them again at
   * once, in any grouping, fails the same way.
   */
  static boolean isConnectionLost(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || (t instanceof SQLException s && s.getSQLState() != null
              && s.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }

  static boolean isDeadlock(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException s
          && (s.getErrorCode() == 1213 || "40001".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }
}
