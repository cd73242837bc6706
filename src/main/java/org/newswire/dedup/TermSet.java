package org.newswire.dedup;

import java.util.Arrays;

/**
 * Collects stemmed terms: distinct, with names and numbers apart and a key priority order. A
 * title's set also keeps, per term, the hash of the word's first five letters and whether it
 * looks like a verb, and the character trigrams of its words: Snowball leaves derived forms
 * apart («непальского» / «Непале», «йеменский» / «Йемена») that these still match.
 */
final class TermSet implements Stems.Sink {
  private static final int MAX = 64;
  /** Letters of the prefix that stands for a word when stems differ. */
  static final int PREFIX = 5;
  private final boolean surface;
  private final int[] hashes = new int[MAX];
  private final int[] rank = new int[MAX];
  private final int[] prefixes = new int[MAX];
  private final boolean[] verb = new boolean[MAX];
  private final int[] names = new int[MAX];
  private final int[] numbers = new int[MAX];
  private int[] grams = new int[0];
  private int nGrams;
  private int n;
  private int nNames;
  private int nNumbers;
  private int[] order;

  /** A lead's terms. */
  TermSet() {
    this(false);
  }

  /** @param surface whether to keep prefixes, verbs and trigrams (a title's terms) */
  TermSet(boolean surface) {
    this.surface = surface;
  }

  @Override
  public boolean surface() {
    return surface;
  }

  @Override
  public void term(int hash, int flags, int length, String word) {
    if (surface) {
      trigrams(word);
    }
    for (int i = 0; i < n; i++) {
      if (hashes[i] == hash) {
        return;
      }
    }
    if (n == MAX) {
      return;
    }
    // Names and numbers first, then longer stems: the rarer words make better keys.
    rank[n] = ((flags & Stems.NAME) != 0 ? 1000 : (flags & Stems.NUMBER) != 0 ? 500 : 0) + length;
    if (surface) {
      prefixes[n] = (flags & Stems.NUMBER) == 0 && word.length() >= PREFIX
          ? prefix(word) : 0;
      verb[n] = (flags & Stems.VERB) != 0;
    }
    order = null;
    hashes[n++] = hash;
    if ((flags & Stems.NAME) != 0) {
      names[nNames++] = hash;
    }
    if ((flags & Stems.NUMBER) != 0) {
      numbers[nNumbers++] = hash;
    }
  }

  private static int prefix(String word) {
    int h = 0x2545F491;
    for (int i = 0; i < PREFIX; i++) {
      h = (h ^ word.charAt(i)) * 0x01000193;
    }
    int p = (int) Tokens.mix(h);
    return p == 0 ? 1 : p; // 0 means "no prefix"
  }

  /** Character trigrams of the word with its two ends marked (so a short word has some). */
  private void trigrams(String word) {
    int len = word.length() + 2;
    if (grams.length < nGrams + len) {
      grams = Arrays.copyOf(grams, Math.max(32, 2 * (nGrams + len)));
    }
    if (len < 3) {
      return;
    }
    for (int i = 0; i + 3 <= len; i++) {
      long g = 0;
      for (int j = i; j < i + 3; j++) {
        char c = j == 0 ? '^' : j == len - 1 ? '$' : word.charAt(j - 1);
        g = g * 0x10001 + c;
      }
      // 16 bits: a title has some 60 trigrams, so a chance collision adds well under one
      // shared trigram per comparison, and the stored evidence stays small.
      grams[nGrams++] = (short) Tokens.mix(g);
    }
  }

  private int[] order() {
    if (order == null) {
      Integer[] o = new Integer[n];
      for (int i = 0; i < n; i++) {
        o[i] = i;
      }
      Arrays.sort(o, (x, y) -> rank[y] != rank[x] ? rank[y] - rank[x] : x - y);
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = o[i];
      }
    }
    return order;
  }

  int[] byPriority() {
    int[] o = order();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = hashes[o[i]];
    }
    return out;
  }

  /** Word prefixes in {@link #byPriority()} order, 0 for numbers and short words. */
  int[] prefixesByPriority() {
    int[] o = order();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = prefixes[o[i]];
    }
    return out;
  }

  /** The verb-like terms, ascending. */
  int[] verbs() {
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (verb[i]) {
        out[k++] = hashes[i];
      }
    }
    out = Arrays.copyOf(out, k);
    Arrays.sort(out);
    return out;
  }

  /** Distinct character trigrams of the words, ascending. */
  int[] trigrams() {
    return StoryMatcher.distinctSorted(Arrays.copyOf(grams, nGrams));
  }

  int[] sorted() {
    int[] out = Arrays.copyOf(hashes, n);
    Arrays.sort(out);
    return out;
  }

  int[] names() {
    int[] out = Arrays.copyOf(names, nNames);
    Arrays.sort(out);
    return out;
  }

  int[] numbers() {
    int[] out = Arrays.copyOf(numbers, nNumbers);
    Arrays.sort(out);
    return out;
  }
}
