package org.newswire.fetch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most N requests in flight per host across every caller of one {@link Fetcher}: agencies
 * serve many category feeds from one host, and polling them all at once looks like an attack.
 * Semaphores live only while someone holds or waits for them, so a long-running daemon that
 * fetched article pages from thousands of hosts does not keep one per host forever.
 */
final class HostLimiter {

  private final int permitsPerHost;
  private final Map<String, Slot> slots = new HashMap<>(); // guarded by this

  HostLimiter(int permitsPerHost) {
    if (permitsPerHost < 1) {
      throw new IllegalArgumentException("per-host concurrency must be at least 1");
    }
    this.permitsPerHost = permitsPerHost;
  }

  /** A held permit; closing it gives it back. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits up to {@code timeoutNanos} for a permit for {@code host}; empty when none came. */
  Optional<Permit> acquire(String host, long timeoutNanos) throws InterruptedException {
    Slot slot = enter(host);
    boolean acquired = false;
    try {
      acquired = slot.semaphore.tryAcquire(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    } finally {
      if (!acquired) leave(host, slot);
    }
    if (!acquired) return Optional.empty();
    AtomicBoolean held = new AtomicBoolean(true);
    return Optional.of(() -> {
      if (held.getAndSet(false)) {
        slot.semaphore.release();
        leave(host, slot);
      }
    });
  }

  /** Hosts with a semaphore right now (for tests: shows that idle hosts are forgotten). */
  synchronized int trackedHosts() {
    return slots.size();
  }

  private synchronized Slot enter(String host) {
    Slot slot = slots.computeIfAbsent(host, h -> new Slot(new Semaphore(permitsPerHost, true)));
    slot.users++;
    return slot;
  }

  private synchronized void leave(String host, Slot slot) {
    if (--slot.users == 0) slots.remove(host);
  }

  private static final class Slot {
    final Semaphore semaphore;
    int users; // holders plus waiters

    Slot(Semaphore semaphore) {
      this.semaphore = semaphore;
    }
  }
}
