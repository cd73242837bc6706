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
    try (StateWriter w = new StateWriter(rows -> {
      synchronized (batches) {
        batches.add(rows.size());
      }
    })) {
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
    // Written at once, they would be ten batches; a slow test machine may split them a little.
    assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    assertThat(batches).hasSizeLessThanOrEqualTo(4);
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
