package org.newswire.store;

/** The database failed (unreachable, migration failed, a statement failed): infrastructure. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
