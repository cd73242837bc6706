package org.newswire.store;

/** Store objects configured the way production never is, for tests of other packages. */
public final class TestStores {
  private TestStores() {}

  /** A feed store on {@code db} that sends multi-row statements of up to {@code bytes}. */
  public static FeedStore feedStore(Database db, long statementBytes) {
    return new FeedStore(db.dsl(), statementBytes);
  }
}
