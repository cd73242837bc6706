package org.newswire.publish;

import java.time.Instant;
import org.newswire.store.ItemQueries;

/** For bench/search-bench: the {@code before} token of a position, as the feeds' next links have it. */
public final class BenchCursors {
  private BenchCursors() {}

  public static String token(Instant publishedAt, long rowId) {
    return Cursors.encode(new ItemQueries.Cursor(publishedAt, rowId));
  }
}
