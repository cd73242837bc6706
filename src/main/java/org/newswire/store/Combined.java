package org.newswire.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One store operation's calls from concurrent threads, combined. While a run is going in each
 * lane (one, unless given more), the calls that arrive meanwhile wait; the first of them then
 * runs all that waited (as many as {@link Joins} admits) in one run: one set of statements and
 * one commit instead of one each. A call that finds a lane free runs at once in its own
 * thread, so nothing waits that would not have waited for the database anyway, and under load
 * the batches grow with the load. Each call returns its own result once the run that held it
 * has ended, or throws what that run threw. A run may have a second stage ({@link Then}) that
 * frees its lane first: the calls return after it. Given threads of its own, it also takes
 * calls that do not wait ({@link #submit}): their runs go on those threads. Thread-safe.
 *
 * @param <R> a call's request
 * @param <T> a call's result
 */
final class Combined<R, T> {
  /** One run: the results of {@code requests}, in their order. */
  interface Run<R, T> {
    List<T> run(List<R> requests);
  }

  /** Whether {@code next} may join {@code batch} (never empty: its first is the oldest call). */
  interface Joins<R> {
    boolean joins(List<R> batch, R next);
  }

  /**
   * A run's second stage, after the next run may start: given the run's requests and results,
   * in order; the calls return when it has ended.
   */
  interface Then<R, T> {
    void then(List<R> requests, List<T> results);
  }

  private final Run<R, T> run;
  private final Joins<R> joins;
  private final Then<R, T> then;
  private final Deque<Call<R, T>> waiting = new ArrayDeque<>(); // guarded by this
  private final int lanes;
  /** Where submitted calls' runs go; null: only callers run them ({@link #call}). */
  private final Executor threads;
  private final int maxWaiting;
  private int running; // guarded by this: runs going (first stages)
  private int secondStages; // guarded by this: submitted runs in their second stage

  Combined(Run<R, T> run, Joins<R> joins) {
    this(run, joins, (requests, results) -> { }, 1);
  }

  /** @param lanes runs going at once at most; a call waits only when all are taken */
  Combined(Run<R, T> run, Joins<R> joins, Then<R, T> then, int lanes) {
    this(run, joins, then, lanes, null, Integer.MAX_VALUE);
  }

  /**
   * @param threads runs submitted calls (at most twice {@code lanes} at once: a second stage
   *     that is slower than the first holds up new runs rather than piling up)
   * @param maxWaiting calls waiting for a run at most: {@link #submit} beyond it waits for
   *     room, so that a slow database slows the callers down instead of filling the heap
   */
  Combined(Run<R, T> run, Joins<R> joins, Then<R, T> then, int lanes, Executor threads,
      int maxWaiting) {
    if (lanes < 1 || maxWaiting < 1) {
      throw new IllegalArgumentException("lanes and maxWaiting must be at least 1: " + lanes
          + ", " + maxWaiting);
    }
    this.run = run;
    this.joins = joins;
    this.then = then;
    this.lanes = lanes;
    this.threads = threads;
    this.maxWaiting = maxWaiting;
  }

  private static final class Call<R, T> {
    final R request;
    final CompletableFuture<T> future = new CompletableFuture<>();
    boolean taken; // guarded by the Combined: in a run, which completes it
    boolean done; // guarded by the Combined
    T result; // guarded by the Combined
    RuntimeException failure; // guarded by the Combined

    Call(R request) {
      this.request = request;
    }
  }

  /** Runs {@code request}, alone or with the calls waiting at the same moment. */
  T call(R request) {
    Call<R, T> me = new Call<>(request);
    synchronized (this) {
      // Once: a call leaves the queue only in a batch, which completes it.
      waiting.add(me);
    }
    boolean interrupted = false;
    try {
      while (true) {
        List<Call<R, T>> batch;
        synchronized (this) {
          while (!me.done && (running >= lanes || me.taken)) {
            try {
              wait();
            } catch (InterruptedException e) {
              // Its request may be in the run going: it ends when that does.
              interrupted = true;
            }
          }
          if (me.done) {
            if (me.failure != null) {
              throw me.failure;
            }
            return me.result;
          }
          running++;
          batch = take();
        }
        run(batch, false);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Queues {@code request} and returns at once (unless {@code maxWaiting} calls wait already);
   * its run goes on the threads given, alone or with the calls waiting at the same moment. The
   * future completes as {@link #call} would return or throw, on the thread that ran it.
   */
  CompletableFuture<T> submit(R request) {
    if (threads == null) {
      throw new IllegalStateException("no threads of its own to run submitted calls");
    }
    Call<R, T> me = new Call<>(request);
    boolean interrupted = false;
    List<Call<R, T>> rejected;
    synchronized (this) {
      while (waiting.size() >= maxWaiting) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // it still goes in: the caller may not be told otherwise
        }
      }
      waiting.add(me);
      rejected = startRuns();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    fail(rejected);
    return me.future;
  }

  /**
   * Starts runs of the waiting calls on the threads while lanes are free; returns the calls
   * of a run the threads refused (shut down), to be failed outside the lock.
   */
  private List<Call<R, T>> startRuns() {
    while (threads != null && !waiting.isEmpty() && running < lanes
        && running + secondStages < 2 * lanes) {
      running++;
      List<Call<R, T>> batch = take();
      notifyAll(); // room for submitters waiting
      try {
        threads.execute(() -> runSubmitted(batch));
      } catch (RejectedExecutionException e) {
        running--;
        return batch;
      }
    }
    return List.of();
  }

  private void fail(List<Call<R, T>> rejected) {
    if (!rejected.isEmpty()) {
      StoreException closed = new StoreException("the database is closed", null);
      synchronized (this) {
        complete(rejected, null, closed);
        notifyAll();
      }
      rejected.forEach(c -> c.future.completeExceptionally(closed));
    }
  }

  private void runSubmitted(List<Call<R, T>> batch) {
    try {
      run(batch, true);
    } finally {
      List<Call<R, T>> rejected;
      synchronized (this) {
        secondStages--;
        rejected = startRuns();
      }
      fail(rejected);
    }
  }

  /** Calls waiting for a run (tests). */
  synchronized int waiting() {
    return waiting.size();
  }

  /** The waiting calls to run together: the oldest and those that may join it, in order. */
  private List<Call<R, T>> take() {
    List<Call<R, T>> batch = new ArrayList<>();
    List<R> requests = new ArrayList<>();
    for (Iterator<Call<R, T>> it = waiting.iterator(); it.hasNext(); ) {
      Call<R, T> c = it.next();
      if (!batch.isEmpty() && !joins.joins(requests, c.request)) {
        continue;
      }
      batch.add(c);
      requests.add(c.request);
      c.taken = true;
      it.remove();
    }
    return batch;
  }

  /** @param onThreads on the threads given (a submitted run), not a caller's */
  private void run(List<Call<R, T>> batch, boolean onThreads) {
    List<R> requests = batch.stream().map(c -> c.request).toList();
    List<List<T>> results = new ArrayList<>(1);
    boolean ran = stage(batch, true, onThreads, () -> {
      List<T> r = run.run(requests);
      if (r.size() != batch.size()) {
        throw new IllegalStateException(
            "a combined run gave " + r.size() + " results for " + batch.size() + " calls");
      }
      results.add(r);
    }, results);
    if (ran) {
      stage(batch, false, onThreads, () -> then.then(requests, results.get(0)), results);
    }
  }

  /**
   * Runs one stage of a run. After the first, the next run may start, and the calls fail if it
   * failed; after the second, the calls complete. Returns whether the stage succeeded; an
   * {@link Error} is thrown on once the calls have failed (they must not return as if their
   * requests had run).
   */
  private boolean stage(List<Call<R, T>> batch, boolean first, boolean onThreads, Runnable work,
      List<List<T>> results) {
    RuntimeException failure = null;
    List<Call<R, T>> rejected = List.of();
    try {
      work.run();
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      failure = new IllegalStateException("a combined run failed: " + e, e);
      throw e;
    } finally {
      boolean completed = failure != null || !first;
      synchronized (this) {
        if (first) {
          running--;
          if (onThreads) {
            secondStages++; // until runSubmitted ends, whether or not the second stage runs
          }
          rejected = startRuns();
        }
        if (completed) {
          complete(batch, failure == null ? results.get(0) : null, failure);
        }
        notifyAll();
      }
      // Outside the lock: a future's callbacks run here, and may take their time.
      if (completed) {
        for (Call<R, T> c : batch) {
          if (c.failure != null) {
            c.future.completeExceptionally(c.failure);
          } else {
            c.future.complete(c.result);
          }
        }
      }
      fail(rejected);
    }
    return failure == null;
  }

  private static <R, T> void complete(List<Call<R, T>> batch, List<T> results,
      RuntimeException failure) {
    for (int i = 0; i < batch.size(); i++) {
      Call<R, T> c = batch.get(i);
      c.failure = failure;
      c.result = failure == null ? results.get(i) : null;
      c.done = true;
    }
  }
}
