package org.newswire.dedup;

import java.nio.BufferUnderflowException;
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
  // 3: English stems from Snowball's Porter (the stem cache); 4: title prefixes, verbs,
  // trigrams and negation, numerals as numbers, acronyms as names
  static final byte VERSION = 4;

  /** Body shingles kept (the smallest hashes): a bottom-k sketch estimating overlap. */
  static final int SKETCH = 96;
  /** Keys from the body sketch's smallest hashes: a reprint shares one with near certainty. */
  static final int BODY_KEYS = 6;
  /** Keys from the lead's smallest shingles: an excerpt shares one with its full text. */
  static final int LEAD_KEYS = 4;
  /**
   * Title terms whose pairs are keys (10 pairs): paraphrased headlines share two terms. Seven
   * terms (21 pairs) found 0.4% more of the paraphrases on the development pairs at 1.6x the
   * index rows (BENCHMARKS.md).
   */
  static final int TITLE_KEY_TERMS = 5;
  /**
   * Names whose pairs are keys (3 pairs): two write-ups of one event share two names. Four names
   * (6 pairs) found the same stream stories on the development data at 26 keys an item instead
   * of 23; none (20 keys) lost 1 point of the stream's recall (BENCHMARKS.md).
   */
  static final int NAME_KEY_TERMS = 3;

  /** The encoded arrays' index of {@link #titleGrams}, whose values fit in 16 bits. */
  private static final int SHORT_ARRAY = 9;

  final String lang;
  final long published;
  final int source;
  final int shingles;
  final int[] sketch;
  final int[] lead;
  final int[] title;
  final int[] titleNames;
  final int[] leadTerms;
  final int[] names;
  final int[] numbers;
  /** Per {@link #title} term, the hash of its word's first letters (0: number, short word). */
  final int[] titlePrefixes;
  /** The title's verb-like terms, ascending. */
  final int[] titleVerbs;
  /** Character trigrams of the title's content words, 16-bit hashes, ascending. */
  final int[] titleGrams;
  /** Whether the title negates («не», «нет», "not"). */
  final boolean negated;
  private final long[] lineHashes;
  /** Computed when first asked for: a candidate's evidence, decoded to be judged, never is. */
  private volatile long[] candidateKeys;

  StoryEvidence(String lang, long published, int source, int shingles, int[] sketch, int[] lead,
      int[] title, int[] titleNames, int[] leadTerms, int[] names, int[] numbers,
      int[] titlePrefixes, int[] titleVerbs, int[] titleGrams, boolean negated,
      long[] lineHashes) {
    this.lang = lang;
    this.published = published;
    this.source = source;
    this.shingles = shingles;
    this.sketch = sketch;
    this.lead = lead;
    this.title = title;
    this.titleNames = titleNames;
    this.leadTerms = leadTerms;
    this.names = names;
    this.numbers = numbers;
    this.titlePrefixes = titlePrefixes;
    this.titleVerbs = titleVerbs;
    this.titleGrams = titleGrams;
    this.negated = negated;
    this.lineHashes = lineHashes;
  }

  /**
   * At most 23 keys, each tagged with its kind and the language (so no candidate crosses
   * languages): the body sketch's 6 smallest shingles, the lead's 4 smallest, the pairs of
   * the 5 first title terms (names first, then longer stems) and of 3 names.
   */
  private long[] keys() {
    long[] keys = new long[0];
    for (int kind = 1; kind <= 4; kind++) {
      long[] some = keysOfKind(kind);
      keys = Arrays.copyOf(keys, keys.length + some.length);
      System.arraycopy(some, 0, keys, keys.length - some.length, some.length);
    }
    Arrays.sort(keys);
    return keys;
  }

  /**
   * The candidate keys of one kind (1 body, 2 lead, 3 title pairs, 4 name pairs): {@link
   * #keys()} joins them; the quality harness counts which kinds find which pairs.
   */
  long[] keysOfKind(int kind) {
    long langTag = Tokens.mix(lang.hashCode() + 0x51ed27L);
    long[] out = new long[BODY_KEYS + LEAD_KEYS + TITLE_KEY_TERMS * (TITLE_KEY_TERMS - 1) / 2
        + NAME_KEY_TERMS * (NAME_KEY_TERMS - 1) / 2];
    int n = 0;
    if (kind == 1) {
      for (int i = 0; i < Math.min(BODY_KEYS, sketch.length); i++) {
        out[n++] = Tokens.mix(langTag ^ (1L << 40) ^ (sketch[i] & 0xffffffffL));
      }
    } else if (kind == 2) {
      int[] leadSorted = lead.clone();
      Arrays.sort(leadSorted);
      for (int i = 0; i < Math.min(LEAD_KEYS, leadSorted.length); i++) {
        out[n++] = Tokens.mix(langTag ^ (2L << 40) ^ (leadSorted[i] & 0xffffffffL));
      }
    } else if (kind == 3) {
      n = pairs(title, TITLE_KEY_TERMS, langTag ^ (3L << 40), out, n);
    } else if (kind == 4) {
      // The smallest name hashes: a consistent sample, so two items with many names still pick
      // the same ones.
      n = pairs(names, NAME_KEY_TERMS, langTag ^ (4L << 40), out, n);
    }
    return Arrays.copyOf(out, n);
  }

  private static int pairs(int[] terms, int max, long tag, long[] out, int n) {
    int t = Math.min(max, terms.length);
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        int lo = Math.min(terms[i], terms[j]);
        int hi = Math.max(terms[i], terms[j]);
        out[n++] = Tokens.mix(tag ^ (((long) lo << 32) | (hi & 0xffffffffL)));
      }
    }
    return n;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  public long[] candidateKeys() {
    long[] keys = candidateKeys;
    if (keys == null) {
      keys = keys();
      candidateKeys = keys;
    }
    return keys.clone();
  }

  public long[] lineHashes() {
    return lineHashes.clone();
  }

  /** Compact bytes for the store's evidence column (typically 0.8-1 KB), without the lines. */
  public byte[] encode() {
    byte[] l = lang.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int[][] arrays = {sketch, lead, title, titleNames, leadTerms, names, numbers, titlePrefixes,
        titleVerbs, titleGrams};
    int bytes = 0;
    for (int i = 0; i < arrays.length; i++) {
      bytes += arrays[i].length * (i == SHORT_ARRAY ? 2 : 4);
    }
    ByteBuffer b = ByteBuffer.allocate(1 + 1 + l.length + 8 + 4 + 4 + 1 + arrays.length * 2
        + bytes + 2);
    b.put(VERSION).put((byte) l.length).put(l).putLong(published).putInt(source).putInt(shingles)
        .put((byte) (negated ? 1 : 0));
    for (int i = 0; i < arrays.length; i++) {
      b.putShort((short) arrays[i].length);
      for (int v : arrays[i]) {
        if (i == SHORT_ARRAY) {
          b.putShort((short) v);
        } else {
          b.putInt(v);
        }
      }
    }
    // No line hashes: the store counts them from this object (StoryInput.lines) and never
    // reads them back, and they were a tenth of the bytes that placements read at random. The
    // count (0) stays, so evidence stored with them still decodes.
    b.putShort((short) 0);
    return b.array();
  }

  /** The evidence; bytes of another version or damaged bytes throw IllegalArgumentException. */
  public static StoryEvidence decode(byte[] bytes) {
    if (!isCurrent(bytes)) {
      throw new IllegalArgumentException("story evidence of another version");
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      b.get();
      byte[] l = new byte[b.get()];
      b.get(l);
      long published = b.getLong();
      int source = b.getInt();
      int shingles = b.getInt();
      boolean negated = b.get() != 0;
      int[][] a = new int[10][];
      for (int i = 0; i < a.length; i++) {
        a[i] = new int[Short.toUnsignedInt(b.getShort())];
        for (int j = 0; j < a[i].length; j++) {
          a[i][j] = i == SHORT_ARRAY ? b.getShort() : b.getInt();
        }
      }
      long[] lines = new long[Short.toUnsignedInt(b.getShort())];
      for (int j = 0; j < lines.length; j++) {
        lines[j] = b.getLong();
      }
      return new StoryEvidence(new String(l, java.nio.charset.StandardCharsets.UTF_8), published,
          source, shingles, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], negated,
          lines);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("damaged story evidence", e);
    }
  }

  /** Whether these bytes are of the version this code writes. */
  public static boolean isCurrent(byte[] bytes) {
    return bytes != null && bytes.length > 0 && bytes[0] == VERSION;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryEvidence e && Arrays.equals(encode(), e.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sketch) * 31 + Arrays.hashCode(title);
  }
}
