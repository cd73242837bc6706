package org.newswire.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.newswire.model.Entry;

/**
 * Caps how many entries of one feed a poll stores ({@code fetch.max_items}): a feed listing
 * tens of thousands of entries would otherwise cost cleaning, extraction and a write of that
 * many items on every changed poll.
 */
final class NewestEntries {
  private NewestEntries() {}

  /**
   * The newest {@code max} of {@code entries}, in their feed order. Newest by published (else
   * updated) time; an entry without either counts as newest, as the store dates it to the poll.
   * Among equal times the one listed earlier wins (feeds list newest first).
   */
  static List<Entry> of(List<Entry> entries, int max) {
    if (entries.size() <= max) {
      return entries;
    }
    Comparator<Integer> newestFirst = Comparator.comparing(
        (Integer i) -> time(entries.get(i)), Comparator.reverseOrder());
    boolean[] kept = new boolean[entries.size()];
    IntStream.range(0, entries.size()).boxed().sorted(newestFirst).limit(max)
        .forEach(i -> kept[i] = true);
    List<Entry> out = new ArrayList<>(max);
    for (int i = 0; i < entries.size(); i++) {
      if (kept[i]) {
        out.add(entries.get(i));
      }
    }
    return out;
  }

  private static Instant time(Entry e) {
    return e.published().or(e::updated).orElse(Instant.MAX);
  }
}
