package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run's second stage does not hold up the next run, and its calls return only after it.
 * (Combining itself: {@link CombinedPlacementsTest}, {@link CombinedPollWritesTest}.)
 */
class CombinedTest {
  private static CompletableFuture<String> call(Combined<String, String> c, String request) {
    return CompletableFuture.supplyAsync(() -> c.call(request), r -> new Thread(r).start());
  }

  @Test
  void theNextRunStartsWhileASecondStageRunsAndItsCallsReturnAfterIt() throws Exception {
    List<String> runs = new ArrayList<>();
    List<String> thens = new ArrayList<>();
    CountDownLatch inFirstThen = new CountDownLatch(1);
    CountDownLatch releaseThen = new CountDownLatch(1);
    Combined<String, String> c = new Combined<>(requests -> {
      synchronized (runs) {
        runs.add(String.join("+", requests));
      }
      return requests.stream().map(String::toUpperCase).toList();
    }, (batch, next) -> true, (requests, results) -> {
      synchronized (thens) {
        thens.add(String.join("+", results));
      }
      if (requests.contains("a")) {
        inFirstThen.countDown();
        try {
          releaseThen.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    }, 1);
    CompletableFuture<String> a = call(c, "a");
    assertThat(inFirstThen.await(10, TimeUnit.SECONDS)).isTrue();
    // a's second stage is held: b runs meanwhile and returns; a does not.
    assertThat(call(c, "b").get(10, TimeUnit.SECONDS)).isEqualTo("B");
    assertThat(a).isNotDone();
    releaseThen.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("A");
    assertThat(runs).containsExactly("a", "b");
    assertThat(thens).containsExactly("A", "B");
    assertThat(c.waiting()).isZero();
  }

  @Test
  void aFailedRunFailsItsCallsWithoutItsSecondStageAndAFailedSecondStageFailsThemToo() {
    List<String> thens = new ArrayList<>();
    Combined<String, String> c = new Combined<>(requests -> {
      if (requests.contains("bad")) {
        throw new IllegalStateException("database gone");
      }
      return requests;
    }, (batch, next) -> true, (requests, results) -> {
      thens.add(String.join("+", requests));
      if (requests.contains("late")) {
        throw new IllegalStateException("placement failed");
      }
    }, 1);
    assertThatThrownBy(() -> c.call("bad")).hasMessage("database gone");
    assertThatThrownBy(() -> c.call("late")).hasMessage("placement failed");
    assertThat(c.call("fine")).isEqualTo("fine");
    assertThat(thens).containsExactly("late", "fine");
  }

  @Test
  void callsThatJoinNoBatchRunInTheirOwn() throws Exception {
    List<List<String>> runs = new ArrayList<>();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Combined<String, String> c = new Combined<>(requests -> {
      synchronized (runs) {
        runs.add(requests);
      }
      if (requests.contains("first")) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return requests;
    }, (batch, next) -> !next.startsWith("x") && !batch.get(0).startsWith("x"));
    CompletableFuture<String> first = call(c, "first");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<String>> later = new ArrayList<>();
    for (String r : List.of("b", "x1", "d")) {
      later.add(call(c, r));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (c.waiting() < later.size() && System.nanoTime() < until) {
        Thread.sleep(5);
      }
    }
    assertThat(c.waiting()).isEqualTo(3);
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<String> f : later) {
      try {
        f.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(runs).containsExactlyInAnyOrder(List.of("first"), List.of("b", "d"),
        List.of("x1"));
  }

  @Test
  void submittedCallsReturnAtOnceShareARunOnTheThreadsGivenAndCompleteAfterTheSecondStage()
      throws Exception {
    List<List<String>> runs = new ArrayList<>();
    List<String> runThreads = new ArrayList<>();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors
        .newCachedThreadPool(r -> new Thread(r, "lane"));
    try {
      Combined<String, String> c = new Combined<>(requests -> {
        synchronized (runs) {
          runs.add(requests);
          runThreads.add(Thread.currentThread().getName());
        }
        if (requests.contains("first")) {
          entered.countDown();
          await(release);
        }
        return requests.stream().map(String::toUpperCase).toList();
      }, (batch, next) -> true, (requests, results) -> { }, 1, threads, 2);
      CompletableFuture<String> first = c.submit("first");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      // The lane is taken: these queue, and submit still returns at once.
      CompletableFuture<String> b = c.submit("b");
      CompletableFuture<String> d = c.submit("d");
      assertThat(c.waiting()).isEqualTo(2);
      // A third would pass maxWaiting (2): its submitter waits until a run takes the queue.
      CompletableFuture<CompletableFuture<String>> e =
          CompletableFuture.supplyAsync(() -> c.submit("e"), r -> new Thread(r).start());
      Thread.sleep(200);
      assertThat(e).isNotDone();
      assertThat(first).isNotDone();
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
      assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("B");
      assertThat(d.get(10, TimeUnit.SECONDS)).isEqualTo("D");
      assertThat(e.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isEqualTo("E");
      assertThat(runs.get(0)).containsExactly("first");
      assertThat(runs.get(1)).containsExactly("b", "d");
      assertThat(runThreads).containsOnly("lane");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aSubmittedCallCompletesOnlyAfterItsSecondStageAndFailsWithItsRun() throws Exception {
    CountDownLatch inThen = new CountDownLatch(1);
    CountDownLatch releaseThen = new CountDownLatch(1);
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newCachedThreadPool();
    try {
      Combined<String, String> c = new Combined<>(requests -> {
        if (requests.contains("bad")) {
          throw new IllegalStateException("database gone");
        }
        return requests;
      }, (batch, next) -> false, (requests, results) -> {
        inThen.countDown();
        await(releaseThen);
      }, 1, threads, 8);
      CompletableFuture<String> a = c.submit("a");
      assertThat(inThen.await(10, TimeUnit.SECONDS)).isTrue();
      // a's second stage holds; the lane is free again, so the next run goes meanwhile.
      CompletableFuture<String> bad = c.submit("bad");
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasRootCauseMessage("database gone");
      assertThat(a).isNotDone();
      releaseThen.countDown();
      assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a");
      // Threads shut down: a submitted call fails instead of waiting for ever.
      threads.shutdown();
      assertThatThrownBy(() -> c.submit("late").get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseInstanceOf(StoreException.class);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
