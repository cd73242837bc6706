package org.newswire.schedule;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Claimed polls waiting, off any thread, for their host to have a free slot: first come, first
 * served per host, at most {@code max} in all. Thread-safe.
 */
final class HostQueue<T> {
  private final int max;
  private final Map<String, ArrayDeque<T>> waiting = new HashMap<>(); // guarded by this
  private int size; // guarded by this

  HostQueue(int max) {
    this.max = max;
  }

  /** Queues {@code task} behind {@code host}; false when the queue is full. */
  synchronized boolean offer(String host, T task) {
    if (size >= max) {
      return false;
    }
    waiting.computeIfAbsent(host, h -> new ArrayDeque<>()).add(task);
    size++;
    return true;
  }

  /** The longest-waiting task for {@code host}, taken off the queue. */
  synchronized Optional<T> next(String host) {
    ArrayDeque<T> q = waiting.get(host);
    if (q == null) {
      return Optional.empty();
    }
    T task = q.poll();
    forget(host, q);
    return Optional.of(task);
  }

  /** Takes {@code task} off the queue; false when it was no longer there. */
  synchronized boolean remove(String host, T task) {
    ArrayDeque<T> q = waiting.get(host);
    if (q == null || !q.remove(task)) {
      return false;
    }
    forget(host, q);
    return true;
  }

  synchronized int size() {
    return size;
  }

  private void forget(String host, ArrayDeque<T> q) {
    size--;
    if (q.isEmpty()) {
      waiting.remove(host);
    }
  }
}
