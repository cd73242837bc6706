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
}
