package org.newswire.dedup;

import java.util.Arrays;

/** Collects stemmed terms: distinct, with names and numbers apart and a key priority order. */
final class TermSet implements Stems.Sink {
  private static final int MAX = 64;
  private final int[] hashes = new int[MAX];
  private final int[] rank = new int[MAX];
  private final int[] names = new int[MAX];
  private final int[] numbers = new int[MAX];
  private int n;
  private int nNames;
  private int nNumbers;

  @Override
  public void term(int hash, int flags, int length) {
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
    hashes[n++] = hash;
    if ((flags & Stems.NAME) != 0) {
      names[nNames++] = hash;
    }
    if ((flags & Stems.NUMBER) != 0) {
      numbers[nNumbers++] = hash;
    }
  }

  int[] byPriority() {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> rank[y] != rank[x] ? rank[y] - rank[x] : x - y);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = hashes[order[i]];
    }
    return out;
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
