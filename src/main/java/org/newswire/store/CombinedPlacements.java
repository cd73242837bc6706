package org.newswire.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The story placements of one store's concurrent polls (and of items placed again when their
 * article arrives), combined. While one placement runs, the polls that finish meanwhile wait;
 * the first of them then places all their items in one
 * placement (one candidate read, one plan, one short transaction and commit) instead of one
 * each. A changed poll's placement was about ten statements and a commit for two items, in
 * steady polling more of MariaDB's time than the rest of the poll. A poll that finds no
 * placement running places at once, so nothing waits that would not have waited for the
 * database anyway, and under load the batches grow with the load. Each caller returns once its
 * own items are placed (or their placement failed), as when it placed them itself: a poll's
 * items have their story when the poll returns. Thread-safe.
 */
final class CombinedPlacements {
  /** Items in one placement at most (a backlog of large polls is placed in several). */
  static final int MAX_ITEMS = 500;

  /** {@link StoryPlacer#placeQueued(DSLContext, List, StoryRules, Instant, Instant, boolean)}. */
  interface Placer {
    boolean place(List<StoryPlacer.Pending> items, StoryRules rules, Instant earliest,
        Instant latest, boolean sweep);
  }

  private record Request(List<StoryPlacer.Pending> items, StoryRules rules, Instant earliest,
      Instant latest, boolean sweep) {}

  private final Placer placer;
  private final Combined<Request, Boolean> combined;

  CombinedPlacements(DSLContext dsl) {
    this((items, rules, earliest, latest, sweep) ->
        StoryPlacer.placeQueued(dsl, items, rules, earliest, latest, sweep));
  }

  CombinedPlacements(Placer placer) {
    this.placer = placer;
    this.combined = new Combined<>(this::run, (batch, next) -> {
      if (next.rules() != batch.get(0).rules()) {
        return false;
      }
      int items = next.items().size();
      for (Request r : batch) {
        items += r.items().size();
      }
      return items <= MAX_ITEMS;
    });
  }

  /**
   * {@link StoryPlacer#placeQueued} for one poll's queued items, in a placement shared with
   * the polls waiting at the same moment; returns what it returned for this poll (whether its
   * left-over look found a full batch), or throws the exception the shared placement threw.
   */
  boolean place(List<StoryPlacer.Pending> items, StoryRules rules, Instant now, boolean sweep) {
    return place(items, rules, now, now, sweep);
  }

  /** {@link #place} for items stored from {@code earliest} to {@code latest} (several polls). */
  boolean place(List<StoryPlacer.Pending> items, StoryRules rules, Instant earliest,
      Instant latest, boolean sweep) {
    if (items.isEmpty() && !sweep) {
      return false;
    }
    return combined.call(new Request(items, rules, earliest, latest, sweep));
  }

  /** Polls waiting for a placement (tests). */
  int waiting() {
    return combined.waiting();
  }

  private List<Boolean> run(List<Request> batch) {
    List<StoryPlacer.Pending> items = new ArrayList<>();
    Instant earliest = batch.get(0).earliest();
    Instant latest = batch.get(0).latest();
    boolean sweep = false;
    for (Request r : batch) {
      items.addAll(r.items());
      earliest = r.earliest().isBefore(earliest) ? r.earliest() : earliest;
      latest = r.latest().isAfter(latest) ? r.latest() : latest;
      sweep |= r.sweep();
    }
    boolean more = placer.place(items, batch.get(0).rules(), earliest, latest, sweep);
    // Only the poll that asked for the left-over look hears that it found a full batch.
    return batch.stream().map(r -> r.sweep() && more).toList();
  }
}
