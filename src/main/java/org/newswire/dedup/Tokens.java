package org.newswire.dedup;

/**
 * Word tokens of text normalised the way reprints differ: case, {@code ё}/{@code е}, quotes,
 * dashes, spacing and accents do not matter; a token is a run of letters and digits. Tokens are
 * kept as 64-bit hashes so that shingles and line hashes cost no string building.
 */
final class Tokens {
  private Tokens() {}

  /** Appends the token hashes of {@code s} to {@code out}; returns the number appended. */
  static int hashes(CharSequence s, LongList out) {
    int n = 0;
    long h = 0;
    boolean in = false;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      int folded = fold(c);
      if (folded >= 0) {
        c = (char) folded;
        h = in ? (h ^ c) * 0x100000001b3L : (0xcbf29ce484222325L ^ c) * 0x100000001b3L;
        in = true;
      } else if (in && !ignorable(c)) {
        out.add(mix(h));
        n++;
        in = false;
      }
    }
    if (in) {
      out.add(mix(h));
      n++;
    }
    return n;
  }

  /**
   * The character lower-cased with ё as е, or -1 if it is not part of a word; ASCII and the
   * Russian alphabet without Unicode tables (those dominate the cost otherwise).
   */
  static int fold(char c) {
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        return c;
      }
      return c >= 'A' && c <= 'Z' ? c + 32 : -1;
    }
    if (c >= 'а' && c <= 'я') {
      return c;
    }
    if (c >= 'А' && c <= 'Я') {
      return c + 32;
    }
    if (c == 'ё' || c == 'Ё') {
      return 'е';
    }
    return Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : -1;
  }

  /** Soft hyphens and combining accents (Russian stress marks) sit inside words. */
  private static boolean ignorable(char c) {
    return c >= 0x80 && (c == '\u00ad' || c == '\u200b' || c == '\u200d'
        || Character.getType(c) == Character.NON_SPACING_MARK);
  }

  /** One hash for a run of token hashes (a line), independent of typography. */
  static long ofRun(LongList tokens, int from, int to) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      h = mix(h * 31 + tokens.get(i));
    }
    return h;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A growable primitive list; boxing would dominate the cost of evidence. */
  static final class LongList {
    private long[] a = new long[64];
    private int size;

    void add(long v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    long get(int i) {
      return a[i];
    }

    int size() {
      return size;
    }

    void truncate(int n) {
      size = n;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(a, size);
    }
  }
}
