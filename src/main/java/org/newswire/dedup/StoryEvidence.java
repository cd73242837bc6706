package org.newswire.dedup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The evidence one item brings to story matching, computed once when the item is finished and
 * stored beside it, so that matching a later item never re-reads or re-analyses this one.
 *
 * <p>{@link #candidateKeys()} are what the store indexes (with the item's story id) to find
 * candidates without scanning the window: two items that may tell one story share at least one
 * key. {@link #lineHashes()} feed the source's {@link SourceLines} statistics.
 *
 * <p>The encoding is versioned: {@link #decode} refuses bytes of another version, and the store
 * then recomputes the evidence from the item's text.
 */
public final class StoryEvidence {
  static final byte VERSION = 1;

  private final long[] minHashes;
  private final long[] candidateKeys;
  private final long[] lineHashes;

  StoryEvidence(long[] minHashes, long[] candidateKeys, long[] lineHashes) {
    this.minHashes = minHashes.clone();
    this.candidateKeys = candidateKeys.clone();
    this.lineHashes = lineHashes.clone();
  }

  public long[] candidateKeys() {
    return candidateKeys.clone();
  }

  public long[] lineHashes() {
    return lineHashes.clone();
  }

  long[] minHashes() {
    return minHashes;
  }

  /** Compact bytes for the store's evidence column. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(1 + 12 + 8 * (minHashes.length + candidateKeys.length
        + lineHashes.length));
    b.put(VERSION);
    put(b, minHashes);
    put(b, candidateKeys);
    put(b, lineHashes);
    return b.array();
  }

  /** The evidence, or {@code null}-free failure: bytes of another version throw. */
  public static StoryEvidence decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (bytes.length == 0 || b.get() != VERSION) {
      throw new IllegalArgumentException("story evidence of another version");
    }
    return new StoryEvidence(get(b), get(b), get(b));
  }

  /** Whether these bytes are of the version this code writes. */
  public static boolean isCurrent(byte[] bytes) {
    return bytes != null && bytes.length > 0 && bytes[0] == VERSION;
  }

  private static void put(ByteBuffer b, long[] values) {
    b.putInt(values.length);
    for (long v : values) {
      b.putLong(v);
    }
  }

  private static long[] get(ByteBuffer b) {
    long[] values = new long[b.getInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = b.getLong();
    }
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryEvidence e && Arrays.equals(minHashes, e.minHashes)
        && Arrays.equals(candidateKeys, e.candidateKeys) && Arrays.equals(lineHashes, e.lineHashes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(minHashes) * 31 + Arrays.hashCode(candidateKeys);
  }
}
