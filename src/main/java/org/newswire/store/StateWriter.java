package org.newswire.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of source states on a thread of its own: saves arrive from any thread, and
 * every save that arrived while one transaction committed goes into the next one (one
 * multi-row upsert, one commit). A caller may wait for its commit or go on at once, so that a
 * poll thread never sits through a disk flush. Thread-safe.
 */
final class StateWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
  /**
   * Saves waiting at most: a caller beyond this waits until the writer catches up, so that a
   * slow database slows polling down instead of filling the heap.
   */
  static final int MAX_PENDING = 2000;
  /** Rows per transaction at most: a large backlog is written in several commits. */
  static final int MAX_BATCH = 500;
  /**
   * How long saves nobody waits for are gathered before they are written: a poll's row waits a
   * few milliseconds more (its source stays claimed meanwhile), and a batch holds tens of rows
   * instead of two or three, so steady polling costs the database a fraction of the statements
   * and commits (a transaction is four round trips, each costing both processes a wake-up). A
   * save someone waits for is written at once.
   */
  static final long GATHER_MILLIS = 50;
  /**
   * Gathering also ends once no save has arrived for this long: polling has paused (the end of
   * a round of due sources, a quiet spell), and waiting out the rest of {@link #GATHER_MILLIS}
   * would only keep the last rows' sources claimed with nothing else to do (a 10,000-source
   * steady cycle ended with the machine half idle for tens of milliseconds). Under load, saves
   * arrive well under a millisecond apart.
   */
  static final long QUIET_MILLIS = 10;

  private final Consumer<List<SourceState>> write;
  private final long gatherNanos;
  private final long quietNanos;
  private final List<Pending> pending = new ArrayList<>(); // guarded by this
  private long lastArrival; // guarded by this: System.nanoTime() of the latest save
  private Thread thread; // guarded by this; started by the first save
  private boolean closed; // guarded by this
  private long earlyWakeUps; // guarded by this: gathering woken before its time (tests)

  /** @param write writes and commits one batch, or throws a {@link StoreException} */
  StateWriter(Consumer<List<SourceState>> write) {
    this(write, GATHER_MILLIS, QUIET_MILLIS);
  }

  /** With other gathering times (tests: long enough that a slow machine cannot blur them). */
  StateWriter(Consumer<List<SourceState>> write, long gatherMillis, long quietMillis) {
    this.write = write;
    this.gatherNanos = gatherMillis * 1_000_000;
    this.quietNanos = quietMillis * 1_000_000;
  }

  private record Pending(SourceState state, CompletableFuture<Void> done, boolean behind) {}

  /**
   * Queues a save; the future completes once its row is committed, or exceptionally with the
   * {@link StoreException} that made its batch fail. {@code behind}: nobody waits for it, so a
   * failure is logged here (once per batch).
   */
  synchronized CompletableFuture<Void> submit(SourceState state, boolean behind) {
    boolean interrupted = false;
    while (pending.size() >= MAX_PENDING && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new StoreException("the database is closed", null));
      return done;
    }
    boolean first = pending.isEmpty();
    pending.add(new Pending(state, done, behind));
    lastArrival = System.nanoTime();
    if (thread == null) {
      thread = new Thread(this::run, "newswire-state-writer");
      thread.setDaemon(true);
      thread.start();
    }
    // A writer gathering saves nobody waits for sleeps until its time is up: woken by every
    // save, it cost a context switch per poll, only to go back to sleep.
    if (first || !behind || pending.size() >= MAX_BATCH) {
      notifyAll();
    }
    return done;
  }

  private void run() {
    while (true) {
      List<Pending> batch;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            // only close() stops the writer, and only once nothing is pending
          }
        }
        if (pending.isEmpty()) {
          return; // closed and drained
        }
        long until = System.nanoTime() + gatherNanos;
        while (!closed && pending.size() < MAX_BATCH && pending.stream().allMatch(Pending::behind)) {
          // Saves arriving meanwhile do not wake the writer; it looks at the latest one's time
          // when its sleep is up, and sleeps on while they keep coming.
          long end = Math.min(until, lastArrival + quietNanos);
          long left = end - System.nanoTime();
          if (left <= 0) {
            break;
          }
          try {
            wait(Math.max(1, (left + 999_999) / 1_000_000));
          } catch (InterruptedException e) {
            // as above
          }
          if (end - System.nanoTime() > 1_000_000) {
            earlyWakeUps++;
          }
        }
        int n = Math.min(MAX_BATCH, pending.size());
        batch = new ArrayList<>(pending.subList(0, n));
        pending.subList(0, n).clear();
        notifyAll(); // room for callers held back by MAX_PENDING
      }
      write(batch);
    }
  }

  private void write(List<Pending> batch) {
    // A source saved twice in one batch (not by polling, which holds a claim): the last wins.
    java.util.Map<String, SourceState> last = new java.util.LinkedHashMap<>();
    batch.forEach(p -> last.put(p.state().sourceId(), p.state()));
    // One order for every writer: rows locked in key order cannot deadlock each other.
    List<SourceState> rows = new ArrayList<>(last.values());
    rows.sort(Comparator.comparing(SourceState::sourceId));
    try {
      write.accept(rows);
      batch.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      StoreException failure = e instanceof StoreException s ? s
          : new StoreException("saving source states failed: " + e, e);
      batch.forEach(p -> p.done().completeExceptionally(failure));
      long behind = batch.stream().filter(Pending::behind).count();
      if (behind > 0) {
        log.warn("{}; {} polls not recorded are repeated when their claims expire",
            failure.getMessage(), behind);
      }
    }
  }

  /** Times the gathering was woken more than a millisecond before its time was up. */
  synchronized long earlyWakeUps() {
    return earlyWakeUps;
  }

  /** Writes what is pending, then stops; later saves fail at once. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      notifyAll();
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        log.warn("source states still being written after 30 s at close; their polls are"
            + " repeated when their claims expire");
      }
    }
  }
}
