package org.newswire.parse;

import java.util.List;
import java.util.function.LongPredicate;

/**
 * A feed document read by {@link FeedParser#skim}: the result, and where its entries were, so
 * that a caller can remember them and have the next read of the feed leave them out.
 *
 * @param shell hash of the document around its entries; 0 when the entries could not be told
 *     apart in the text (nothing to remember, the document was read whole)
 * @param spans per entry of the result, in order, the hash of its text (empty when shell is 0)
 * @param skipped hashes of the entries left out because {@link Known} held them, in document
 *     order; the result has none of them
 */
public record Skim(ParseResult result, long shell, List<Long> spans, List<Long> skipped) {
  public Skim {
    spans = List.copyOf(spans);
    skipped = List.copyOf(skipped);
  }

  static Skim whole(ParseResult result) {
    return new Skim(result, 0, List.of(), List.of());
  }

  /**
   * Entries a caller already holds, by the hash of their text: left out of a read while the
   * document around them still hashes to {@code shell}.
   */
  public record Known(long shell, LongPredicate holds) {}
}
