package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Saves nobody waits for are gathered into large batches; saves someone waits for are not held. */
class StateWriterTest {
  private static final Instant T0 = Instant.parse("2026-11-10T04:00:00Z");

  @Test
  void savesNobodyWaitsForGoOutInOneBatchWithoutWakingTheWriter() throws Exception {
    List<Integer> batches = new ArrayList<>();
    // A second of quiet ends the gathering: far more than the saves' spacing, even on a slow
    // machine.
    try (StateWriter w = new StateWriter(rows -> {
      synchronized (batches) {
        batches.add(rows.size());
      }
    }, 10_000, 1_000)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        done.add(w.submit(Items.polled("src-" + i, "https://s" + i + ".example/rss", T0,
            Optional.empty()), true));
        Thread.sleep(1); // as polls finish: one after another, not all at once
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      // Only the first save wakes the gathering writer; the other nine wait for its time to be
      // up (a wake-up per save cost a context switch per poll). One stray wake-up is allowed.
      assertThat(w.earlyWakeUps()).isLessThanOrEqualTo(2);
    }
    // Written at once, they would be ten batches.
    assertThat(batches).containsExactly(10);
  }

  @Test
  void gatheringEndsWhenSavesStopComing() throws Exception {
    List<Long> writtenAfterMillis = new ArrayList<>();
    long start = System.nanoTime();
    // Saves gathered for up to a minute, unless none arrives for 50 ms: the end of a round of
    // polls must not keep its last sources claimed, with nothing else to do, for the whole time.
    try (StateWriter w = new StateWriter(rows -> {
      synchronized (writtenAfterMillis) {
        writtenAfterMillis.add((System.nanoTime() - start) / 1_000_000);
      }
    }, 60_000, 50)) {
      w.submit(Items.polled("last", "https://last.example/rss", T0, Optional.empty()), true)
          .get(30, TimeUnit.SECONDS);
    }
    assertThat(writtenAfterMillis).hasSize(1);
    assertThat(writtenAfterMillis.get(0)).isLessThan(30_000);
  }

  @Test
  void aSaveSomeoneWaitsForIsWrittenWithWhatIsGathered() throws Exception {
    List<List<String>> batches = new ArrayList<>();
    try (StateWriter w = new StateWriter(rows -> {
      synchronized (batches) {
        batches.add(rows.stream().map(SourceState::sourceId).toList());
      }
    })) {
      CompletableFuture<Void> behind = w.submit(Items.polled("a", "https://a.example/rss", T0,
          Optional.empty()), true);
      w.submit(Items.polled("b", "https://b.example/rss", T0, Optional.empty()), false)
          .get(10, TimeUnit.SECONDS);
      behind.get(10, TimeUnit.SECONDS);
    }
    assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder("a", "b");
  }
}
