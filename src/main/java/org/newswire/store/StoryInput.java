package org.newswire.store;

/**
 * What the store needs to place one item in a story: its evidence as bytes (opaque here; the
 * caller's {@link StoryRules#judge()} reads them), the candidate keys to index and look up, and
 * the hashes of its lines, counted into its source's line statistics in the same transaction
 * (none: the item is not counted, as a document judged a second time).
 * No keys means the item never looks for a story and is never a candidate (a source with
 * {@code stories: false}, or an item with no text): it gets a story of its own.
 */
public record StoryInput(byte[] evidence, long[] keys, long[] lines) {
  static final StoryInput NONE = new StoryInput(new byte[0], new long[0], new long[0]);

  public StoryInput {
    evidence = evidence.clone();
    keys = java.util.Arrays.stream(keys).distinct().sorted().toArray();
    lines = java.util.Arrays.stream(lines).distinct().sorted().toArray();
  }

  /** Evidence and lines kept, but never matched or indexed. */
  public StoryInput alone() {
    return new StoryInput(evidence, new long[0], lines);
  }
}
