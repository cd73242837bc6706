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
