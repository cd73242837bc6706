package org.newswire.store;

/**
 * A search was refused because as many as may run at once already do: searches get a bounded
 * share of the database's connections, so polling and health checks never wait for them. The
 * reader should retry shortly; nothing is wrong with the database.
 */
public final class TooManySearchesException extends RuntimeException {
  TooManySearchesException() {
    super("too many searches in progress, retry");
  }
}
