package org.newswire.store;

/**
 * What the store needs to place one item in a story: its evidence as bytes (opaque here; the
 * caller's {@link StoryRules#judge()} reads them) and the candidate keys to index and look up.
 * No keys means the item never looks for a story and is never a candidate (a source with
 * {@code stories: false}, or an item with no text): it gets a story of its own.
 */
public record StoryInput(byte[] evidence, long[] keys) {
  public StoryInput {
    evidence = evidence.clone();
    keys = java.util.Arrays.stream(keys).distinct().sorted().toArray();
  }

  /** Evidence kept, but never matched or indexed. */
  public StoryInput alone() {
    return new StoryInput(evidence, new long[0]);
  }
}
