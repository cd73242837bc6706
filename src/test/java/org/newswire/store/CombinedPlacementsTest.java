package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Polls that finish while a placement runs share the next one; each returns once its own items
 * are placed. The placement itself is {@link StoryPlacementTest}'s (real MariaDB); here it is a
 * recorder, so that which polls share a placement is certain.
 */
class CombinedPlacementsTest {
  private static final Instant T0 = Instant.parse("2026-11-10T04:00:00Z");
  private static final StoryRules RULES =
      new StoryRules(Duration.ofHours(72), (a, b) -> OptionalDouble.empty());

  /** Each call's item ids, and the window's bounds it was given. */
  private record Call(List<Long> ids, Instant earliest, Instant latest, boolean sweep) {}

  private static List<StoryPlacer.Pending> items(long... ids) {
    return LongStream.of(ids).mapToObj(id -> new StoryPlacer.Pending(id, T0, Optional.empty(),
        new StoryInput(new byte[] {1}, new long[] {id}, new long[0]))).toList();
  }

  /** A placer that records its calls and holds the first until {@code release}. */
  private static final class Recorder implements CombinedPlacements.Placer {
    final List<Call> calls = new ArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile RuntimeException failSecond;
    volatile boolean moreLeftOvers;
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public boolean place(List<StoryPlacer.Pending> items, StoryRules rules, Instant earliest,
        Instant latest, boolean sweep) {
      int n;
      synchronized (calls) {
        calls.add(new Call(items.stream().map(StoryPlacer.Pending::itemId).sorted().toList(),
            earliest, latest, sweep));
        n = calls.size();
      }
      try {
        if (n == 1) {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        } else if (failSecond != null) {
          throw failSecond;
        }
        return moreLeftOvers;
      } finally {
        ended.incrementAndGet();
      }
    }
  }

  /** A poll's placement in a thread of its own; records how many placements had ended then. */
  private static CompletableFuture<Boolean> poll(CombinedPlacements p, List<StoryPlacer.Pending>
      items, Instant now, boolean sweep, List<Integer> endedWhenReturned, Recorder r) {
    return CompletableFuture.supplyAsync(() -> {
      boolean more = p.place(items, RULES, now, sweep);
      synchronized (endedWhenReturned) {
        endedWhenReturned.add(r.ended.get());
      }
      return more;
    }, runnable -> new Thread(runnable).start());
  }

  private static void awaitWaiting(CombinedPlacements p, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (p.waiting() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(p.waiting()).isEqualTo(n);
  }

  @Test
  void pollsThatFinishWhileAPlacementRunsShareTheNextOne() throws Exception {
    Recorder r = new Recorder();
    CombinedPlacements p = new CombinedPlacements(r);
    List<Integer> returned = new ArrayList<>();
    List<Integer> firstReturned = new ArrayList<>();
    CompletableFuture<Boolean> first = poll(p, items(1), T0, false, firstReturned, r);
    assertThat(r.entered.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Boolean>> later = new ArrayList<>();
    later.add(poll(p, items(2), T0.plusMillis(3), false, returned, r));
    later.add(poll(p, items(3), T0.plusMillis(1), false, returned, r));
    later.add(poll(p, items(4, 5), T0.plusMillis(2), false, returned, r));
    awaitWaiting(p, 3);
    assertThat(later).noneMatch(CompletableFuture::isDone);
    r.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Boolean> f : later) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(r.calls).hasSize(2);
    assertThat(r.calls.get(0).ids()).containsExactly(1L);
    assertThat(r.calls.get(1).ids()).containsExactly(2L, 3L, 4L, 5L);
    // The window reaches back from the earliest poll and forward to the latest.
    assertThat(r.calls.get(1).earliest()).isEqualTo(T0.plusMillis(1));
    assertThat(r.calls.get(1).latest()).isEqualTo(T0.plusMillis(3));
    // Nobody returned before the placement holding its items had ended.
    assertThat(firstReturned.get(0)).isGreaterThanOrEqualTo(1);
    assertThat(returned).containsExactly(2, 2, 2);
    assertThat(p.waiting()).isZero();
  }

  @Test
  void aPollAlonePlacesAtOnceInItsOwnThreadAndAPollWithNothingToPlaceDoesNotPlace() {
    List<String> threads = new ArrayList<>();
    CombinedPlacements p = new CombinedPlacements((items, rules, earliest, latest, sweep) -> {
      threads.add(Thread.currentThread().getName());
      return false;
    });
    p.place(items(7), RULES, T0, false);
    p.place(List.of(), RULES, T0, false);
    assertThat(threads).containsExactly(Thread.currentThread().getName());
    p.place(List.of(), RULES, T0, true); // the left-over look runs with nothing of its own
    assertThat(threads).hasSize(2);
  }

  @Test
  void aFailedPlacementFailsEveryPollInItAndOnlyTheSweeperHearsOfMoreLeftOvers()
      throws Exception {
    Recorder r = new Recorder();
    r.moreLeftOvers = true;
    CombinedPlacements p = new CombinedPlacements(r);
    List<Integer> returned = new ArrayList<>();
    CompletableFuture<Boolean> first = poll(p, items(1), T0, false, returned, r);
    assertThat(r.entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> a = poll(p, items(2), T0, true, returned, r);
    CompletableFuture<Boolean> b = poll(p, items(3), T0, false, returned, r);
    awaitWaiting(p, 2);
    r.failSecond = new IllegalStateException("database gone");
    r.release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isFalse(); // it did not look for left-overs
    for (CompletableFuture<Boolean> f : List.of(a, b)) {
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasRootCauseMessage("database gone");
    }
    assertThat(r.calls.get(1).sweep()).isTrue();
  }

  @Test
  void pollsWithOtherRulesOrBeyondTheItemLimitArePlacedApart() throws Exception {
    Recorder r = new Recorder();
    CombinedPlacements p = new CombinedPlacements(r);
    List<Integer> returned = new ArrayList<>();
    StoryRules other = new StoryRules(Duration.ofHours(1), (x, y) -> OptionalDouble.empty());
    CompletableFuture<Boolean> first = poll(p, items(1), T0, false, returned, r);
    assertThat(r.entered.await(10, TimeUnit.SECONDS)).isTrue();
    long half = CombinedPlacements.MAX_ITEMS / 2 + 1;
    List<CompletableFuture<Boolean>> later = new ArrayList<>();
    later.add(poll(p, items(LongStream.range(100, 100 + half).toArray()), T0, false, returned,
        r));
    awaitWaiting(p, 1);
    later.add(poll(p, items(LongStream.range(1000, 1000 + half).toArray()), T0, false, returned,
        r));
    awaitWaiting(p, 2);
    later.add(CompletableFuture.supplyAsync(() -> p.place(items(9), other, T0, false),
        runnable -> new Thread(runnable).start()));
    awaitWaiting(p, 3);
    r.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Boolean> f : later) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(r.calls).hasSize(4);
    assertThat(r.calls.stream().skip(1).map(c -> c.ids().size()))
        .containsExactlyInAnyOrder((int) half, (int) half, 1);
    // A poll placed by another's batch while it ran one without itself is not queued again.
    assertThat(p.waiting()).isZero();
  }
}
