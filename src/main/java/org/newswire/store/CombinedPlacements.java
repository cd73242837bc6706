package org.newswire.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
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

  private final Placer placer;
  private final Deque<Request> waiting = new ArrayDeque<>(); // guarded by this
  private boolean running; // guarded by this

  CombinedPlacements(DSLContext dsl) {
    this((items, rules, earliest, latest, sweep) ->
        StoryPlacer.placeQueued(dsl, items, rules, earliest, latest, sweep));
  }

  CombinedPlacements(Placer placer) {
    this.placer = placer;
  }

  private static final class Request {
    final List<StoryPlacer.Pending> items;
    final StoryRules rules;
    final Instant now;
    final boolean sweep;
    boolean done; // guarded by the CombinedPlacements
    boolean moreLeftOvers; // guarded by the CombinedPlacements
    RuntimeException failure; // guarded by the CombinedPlacements

    Request(List<StoryPlacer.Pending> items, StoryRules rules, Instant now, boolean sweep) {
      this.items = items;
      this.rules = rules;
      this.now = now;
      this.sweep = sweep;
    }
  }

  /**
   * {@link StoryPlacer#placeQueued} for one poll's queued items, in a placement shared with
   * the polls waiting at the same moment; returns what it returned for this poll (whether its
   * left-over look found a full batch), or throws the exception the shared placement threw.
   */
  boolean place(List<StoryPlacer.Pending> items, StoryRules rules, Instant now, boolean sweep) {
    if (items.isEmpty() && !sweep) {
      return false;
    }
    Request me = new Request(items, rules, now, sweep);
    synchronized (this) {
      // Once: a request leaves the queue only in a batch, which completes it.
      waiting.add(me);
    }
    boolean interrupted = false;
    try {
      while (true) {
        List<Request> batch;
        synchronized (this) {
          while (!me.done && running) {
            try {
              wait();
            } catch (InterruptedException e) {
              // Its items may be in the placement running: it ends when that does.
              interrupted = true;
            }
          }
          if (me.done) {
            if (me.failure != null) {
              throw me.failure;
            }
            return me.moreLeftOvers;
          }
          running = true;
          batch = take();
        }
        run(batch);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Polls waiting for a placement (tests). */
  synchronized int waiting() {
    return waiting.size();
  }

  /** The waiting requests to place together: the oldest and those with its rules, in order. */
  private List<Request> take() {
    List<Request> batch = new ArrayList<>();
    StoryRules rules = waiting.peekFirst().rules;
    int items = 0;
    for (Iterator<Request> it = waiting.iterator(); it.hasNext(); ) {
      Request r = it.next();
      if (r.rules != rules || (!batch.isEmpty() && items + r.items.size() > MAX_ITEMS)) {
        continue;
      }
      batch.add(r);
      items += r.items.size();
      it.remove();
    }
    return batch;
  }

  private void run(List<Request> batch) {
    List<StoryPlacer.Pending> items = new ArrayList<>();
    Instant earliest = batch.get(0).now;
    Instant latest = earliest;
    boolean sweep = false;
    for (Request r : batch) {
      items.addAll(r.items);
      earliest = r.now.isBefore(earliest) ? r.now : earliest;
      latest = r.now.isAfter(latest) ? r.now : latest;
      sweep |= r.sweep;
    }
    boolean more = false;
    RuntimeException failure = null;
    try {
      more = placer.place(items, batch.get(0).rules, earliest, latest, sweep);
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      // The others must not return as if their items were placed.
      failure = new IllegalStateException("story placement failed: " + e, e);
      throw e;
    } finally {
      synchronized (this) {
        for (Request r : batch) {
          r.failure = failure;
          r.moreLeftOvers = r.sweep && more;
          r.done = true;
        }
        running = false;
        notifyAll();
      }
    }
  }
}
