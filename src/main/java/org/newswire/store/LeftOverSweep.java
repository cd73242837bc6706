package org.newswire.store;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a poll looks for placements lost to a crash or an outage ({@link StoryPlacer#LEFT_OVER}):
 * the first poll after {@link StoryPlacer#SWEEP_EVERY} of poll time (or after the clock went
 * back) takes the look; one that found a full batch, or failed, hands it to the next poll.
 */
final class LeftOverSweep {
  private final AtomicReference<Instant> last = new AtomicReference<>();

  /** Whether this poll looks; at most one of concurrent polls is told yes. */
  boolean due(Instant now) {
    Instant l = last.get();
    boolean due = l == null || !now.isBefore(l.plus(StoryPlacer.SWEEP_EVERY))
        || now.isBefore(l);
    return due && last.compareAndSet(l, now);
  }

  /** The next poll looks again (more left-overs are waiting, or this look did not run). */
  void again() {
    last.set(null);
  }
}
