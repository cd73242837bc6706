package org.newswire.search;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a bound passes: the index follows the store a bit later. */
final class Eventually {
  static final Duration BOUND = Duration.ofSeconds(30);

  private Eventually() {}

  /** Returns how long it took; fails with the last error or false when the bound passes. */
  static Duration holds(Callable<Boolean> condition) {
    long start = System.nanoTime();
    long deadline = start + BOUND.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        last = null;
      } catch (Exception | AssertionError e) {
        last = e;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("did not hold within " + BOUND.toSeconds() + " s", last);
  }
}
