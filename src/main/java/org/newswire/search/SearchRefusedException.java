package org.newswire.search;

/**
 * A search that is not answered, with the reason in one line fit for the reader: a query the
 * index would have to expand too far (400), or an index not ready or too busy (503).
 */
public final class SearchRefusedException extends RuntimeException {
  public enum Kind { MALFORMED, NOT_READY, BUSY }

  private final Kind kind;

  public SearchRefusedException(Kind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
