package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.store.Claim;
import org.newswire.store.Database;
import org.newswire.store.ScheduleStore;
import org.newswire.store.SourceState;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;

class ScheduleStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static DbSettings settings;
  private static Database db;
  private static ScheduleStore store;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    store = db.schedule();
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static void sync(String prefix, int n, Duration interval, Instant now) {
    Map<String, Duration> intervals = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      intervals.put(prefix + i, interval);
      urls.put(prefix + i, "https://example.org/" + prefix + i);
    }
    store.sync(intervals, urls, now);
  }

  private Instant nextPollAt(String sourceId) {
    return db.feeds().state(sourceId).orElseThrow().nextPollAt().orElseThrow();
  }

  private static List<String> ids(List<Claim> claims) {
    return claims.stream().map(Claim::sourceId).toList();
  }

  @Test
  void twoOwnersTakeDisjointBatchesAndExpiredClaimsAreTakenOver() {
    sync("a", 10, Duration.ofMinutes(15), T0);
    List<String> first = ids(store.claimDue("p1", 6, T0, LEASE));
    List<String> second = ids(store.claimDue("p2", 6, T0, LEASE));
    assertThat(first).hasSize(6);
    assertThat(second).hasSize(4).doesNotContainAnyElementsOf(first);
    assertThat(store.claimDue("p2", 6, T0.plusSeconds(10), LEASE)).isEmpty();

    // Claimed: due next when the lease ends, so claims need not read past them.
    assertThat(nextPollAt(first.get(0))).isEqualTo(T0.plus(LEASE));
    // p1 renews half of its claims; p1 then dies. After the lease only the others are free.
    store.renew("p1", first.subList(0, 3), T0.plusSeconds(60));
    assertThat(nextPollAt(first.get(0))).isEqualTo(T0.plusSeconds(60));
    List<String> takenOver = ids(store.claimDue("p2", 10, T0.plusSeconds(31), LEASE));
    Set<String> expected = new HashSet<>(first.subList(3, 6));
    expected.addAll(second);
    assertThat(takenOver).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void syncDeactivatesRemovedSourcesAndPullsInShorterIntervals() {
    Map<String, Duration> hourly = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    for (String id : List.of("b0", "b1", "b2")) {
      hourly.put(id, Duration.ofHours(1));
      urls.put(id, "https://example.org/" + id);
    }
    store.sync(hourly, urls, T0);
    assertThat(ids(store.claimDue("p", 10, T0, LEASE))).containsExactlyInAnyOrder("b0", "b1",
        "b2");
    for (String id : hourly.keySet()) {
      // as a poll leaves it: next poll in an hour, claim ended
      db.feeds().saveState(Items.polled(id, urls.get(id), T0,
          Optional.of(T0.plus(Duration.ofHours(1)))));
    }
    // Reload at T0+1m: b1's interval shrinks to 5m, b2 is removed.
    Instant reload = T0.plus(Duration.ofMinutes(1));
    store.sync(Map.of("b0", Duration.ofHours(1), "b1", Duration.ofMinutes(5)),
        Map.of("b0", urls.get("b0"), "b1", urls.get("b1")), reload);
    assertThat(store.claimDue("p", 10, T0.plus(Duration.ofMinutes(5)), LEASE)).isEmpty();
    assertThat(ids(store.claimDue("p", 10, T0.plus(Duration.ofMinutes(6)), LEASE)))
        .containsExactly("b1");
    // b1's claim lapsed without a poll, so it is due again; removed b2 never is.
    assertThat(ids(store.claimDue("p", 10, T0.plus(Duration.ofMinutes(61)), LEASE)))
        .containsExactlyInAnyOrder("b0", "b1");
  }

  @Test
  void aClaimCarriesTheSourcesStateSoThePollNeedsNoSecondRead() {
    sync("c", 2, Duration.ofMinutes(1), T0);
    // c0 was polled before: validators and counters as the last poll left them; c1 is new.
    db.feeds().saveState(new SourceState("c0", "https://example.org/c0",
        Optional.of("\"kabar-v7\""), Optional.of("Sat, 03 Jul 2021 04:10:00 GMT"),
        Optional.of("ab".repeat(32)), Optional.empty(), 0, Optional.of(T0), Optional.of(T0),
        Optional.of("not_modified"), Optional.of(304), Optional.empty(), 0, 0, 0,
        Optional.empty(), Optional.of(T0.plusSeconds(60)), 4));
    SourceState saved = db.feeds().state("c0").orElseThrow();
    Map<String, SourceState> claimed = new LinkedHashMap<>();
    store.claimDue("p", 10, T0.plusSeconds(60), LEASE)
        .forEach(c -> claimed.put(c.sourceId(), c.state()));
    assertThat(claimed.keySet()).containsExactlyInAnyOrder("c0", "c1");
    // As the last poll saved it (the claim itself moves next_poll_at to the lease's end).
    assertThat(claimed.get("c0")).isEqualTo(saved);
    assertThat(claimed.get("c0").etag()).contains("\"kabar-v7\"");
    assertThat(claimed.get("c0").quietPolls()).isEqualTo(4);
    assertThat(claimed.get("c1").etag()).isEmpty();
    assertThat(claimed.get("c1").url()).isEqualTo("https://example.org/c1");
    assertThat(claimed.get("c1").lastPollAt()).isEmpty();
  }
}
