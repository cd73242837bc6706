package org.newswire.store;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How items are placed in stories: candidates are items seen within {@code window} before the
 * item that share one of its keys; {@code judge} decides each pair. The decision lives with the
 * caller (the store knows no matching), the candidate look-up and the placement here.
 * {@code clock} tells when a placement runs: it reads items seen up to then, so an item stored
 * by another process since the poll began is read, and a replay of history reads no item of
 * its future.
 */
public record StoryRules(Duration window, Judge judge, Clock clock) {
  /** Stories off: every item has a story of its own. */
  public static final StoryRules OWN = new StoryRules(Duration.ZERO, (a, b) -> OptionalDouble.empty());

  /** Rules on the system clock. */
  public StoryRules(Duration window, Judge judge) {
    this(window, judge, Clock.systemUTC());
  }

  public StoryRules {
    if (window.isNegative()) {
      throw new IllegalArgumentException("negative story window " + window);
    }
  }

  /** Whether two items tell one story, given their evidence bytes. */
  @FunctionalInterface
  public interface Judge {
    /** The strength of the match when the item joins the candidate's story, else empty. */
    OptionalDouble same(byte[] item, byte[] candidate);
  }
}
