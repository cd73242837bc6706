package org.newswire.dedup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether two items tell one news story. Pure: the store finds candidates by
 * {@link StoryEvidence#candidateKeys()} and asks {@link #compare} for each.
 *
 * <p>This first version compares MinHash signatures of word 3-shingles of the normalised title
 * and body; it is a placeholder with the final interface.
 */
public final class StoryMatcher {
  private static final int HASHES = 64;
  private static final int BANDS = 16;
  private static final double SAME = 0.5;

  /** The evidence of one item, given its source's line statistics. */
  public StoryEvidence evidence(StoryText item, SourceLines sourceLines) {
    String normalised = normalise(item.title() + "\n" + item.text());
    String[] words = normalised.split("\\s+");
    Set<Long> shingles = new LinkedHashSet<>();
    for (int i = 0; i + 2 < words.length; i++) {
      shingles.add(hash(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2], 0));
    }
    long[] mins = new long[HASHES];
    Arrays.fill(mins, Long.MAX_VALUE);
    for (long s : shingles) {
      for (int h = 0; h < HASHES; h++) {
        mins[h] = Math.min(mins[h], mix(s + h * 0x9E3779B97F4A7C15L));
      }
    }
    long[] keys = new long[shingles.isEmpty() ? 0 : BANDS];
    int rows = HASHES / BANDS;
    for (int band = 0; band < keys.length; band++) {
      long k = band;
      for (int r = 0; r < rows; r++) {
        k = mix(k * 31 + mins[band * rows + r]);
      }
      keys[band] = k;
    }
    long[] lines = item.text().lines().map(String::strip).filter(l -> !l.isEmpty())
        .mapToLong(l -> hash(normalise(l), 1)).toArray();
    return new StoryEvidence(mins, keys, lines);
  }

  /** Whether {@code item} tells the story of {@code candidate}. */
  public StoryVerdict compare(StoryEvidence item, StoryEvidence candidate) {
    long[] a = item.minHashes();
    long[] b = candidate.minHashes();
    if (a.length != b.length || a.length == 0 || a[0] == Long.MAX_VALUE
        || b[0] == Long.MAX_VALUE) {
      return StoryVerdict.DIFFERENT;
    }
    int equal = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    double score = (double) equal / a.length;
    return score >= SAME ? new StoryVerdict(true, score, "republication")
        : new StoryVerdict(false, score, "none");
  }

  static String normalise(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .replace('ё', 'е').replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static long hash(String s, long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (x & 0xff)) * 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
