package org.newswire.schedule;

import java.util.concurrent.TimeUnit;

/**
 * Polls whose items are being written after their thread went on ({@link Dispatcher}); its
 * stop waits for them. Thread-safe.
 */
final class PollsWriting {
  private int going; // guarded by this

  synchronized void started() {
    going++;
  }

  synchronized void ended() {
    going--;
    notifyAll();
  }

  /** Waits until none is going or {@code deadlineNanos} (System.nanoTime) has passed. */
  synchronized int awaitNone(long deadlineNanos) throws InterruptedException {
    long left;
    while (going > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return going;
  }
}
