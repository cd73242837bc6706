package org.newswire.dedup;

/**
 * How often a source repeats a line: the store keeps, per source, the number of items seen and
 * for each line hash the number of those items containing it. Lines that recur across many of a
 * source's items are that source's boilerplate (footer, credit line, "read also" block) and are
 * not evidence that two items tell one story.
 */
public interface SourceLines {
  /** Items of this source counted so far. */
  int items();

  /** Of those, how many contained a line with this {@link StoryEvidence#lineHashes() hash}. */
  int itemsWithLine(long lineHash);

  /** For a source with no history (and for tests): no line is boilerplate yet. */
  SourceLines NONE = new SourceLines() {
    @Override
    public int items() {
      return 0;
    }

    @Override
    public int itemsWithLine(long lineHash) {
      return 0;
    }
  };
}
