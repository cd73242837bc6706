package org.newswire.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a story placement ({@link StoryPlacer}) puts each of its items: {@code target} an
 * existing story's id, or (negative) -1 - the index of the item of this batch whose new story
 * it joins, with the score that chose it; and, per item, the matching candidates that were
 * queued still when read.
 */
record PlacementPlan(List<StoryPlacer.Pending> items, long[] target, double[] best,
    Map<Integer, List<Queued>> queued) {

  /** A matching candidate still queued, with the evidence it was judged on. */
  record Queued(long itemId, double score, byte[] evidence) {}

  /** What of a plan still stands ({@link #retained}), and the items to plan again. */
  record Retained(PlacementPlan plan, List<Long> later) {}

  /**
   * The plan for the items still {@code held} once another placement took the others (it
   * placed them with an item of its own). Judged against candidates and each other, the held
   * items' places stand, except where the plan put one in a new story that a taken item
   * starts: those are planned again, and find the taken item where it went. Planning the whole
   * batch again for each item taken cost a cold start more judging than its first plans (in a
   * 150,000-item start whose writes ran ahead of placements, 876 items taken made 102,674
   * items planned again).
   */
  Retained retained(Set<Long> held) {
    int n = items.size();
    int[] index = new int[n]; // in the retained plan; -1: not in it
    List<Long> later = new ArrayList<>();
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long t = target[i];
      if (!held.contains(items.get(i).itemId())) {
        index[i] = -1;
      } else if (t < 0 && !held.contains(items.get((int) (-1 - t)).itemId())) {
        // A new story's first item comes first in the batch, so its index is known here.
        index[i] = -1;
        later.add(items.get(i).itemId());
      } else {
        index[i] = kept++;
      }
    }
    List<StoryPlacer.Pending> keptItems = new ArrayList<>(kept);
    long[] keptTarget = new long[kept];
    double[] keptBest = new double[kept];
    Map<Integer, List<Queued>> keptQueued = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (index[i] < 0) {
        continue;
      }
      long t = target[i];
      keptItems.add(items.get(i));
      keptTarget[index[i]] = t >= 0 ? t : -1L - index[(int) (-1 - t)];
      keptBest[index[i]] = best[i];
      List<Queued> q = queued.get(i);
      if (q != null) {
        keptQueued.put(index[i], q);
      }
    }
    return new Retained(new PlacementPlan(keptItems, keptTarget, keptBest, keptQueued), later);
  }
}
