package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.config.SchedulerSettings;
import org.newswire.fetch.Fetcher;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Claim;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

/** Claims in batches with polls waiting for a thread, and what a stop does with the waiting. */
class DispatcherTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  @StartStop private final MockWebServer feeds = new MockWebServer();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger requests = new AtomicInteger();
  private DbSettings settings;
  private Database db;
  private Fetcher fetcher;

  @BeforeEach
  void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
    // Every poll hangs until the test lets it go: polls stay running as long as needed.
    feeds.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.incrementAndGet();
        release.await(20, TimeUnit.SECONDS);
        return new MockResponse.Builder().code(304).build();
      }
    });
  }

  @AfterEach
  void close() {
    release.countDown();
    fetcher.close();
    db.close();
    TestDatabases.drop(settings);
  }

  @Test
  void claimsAsManyAsRunPlusAheadTimesAsManyWaitingAndAStopGivesTheWaitingBack()
      throws Exception {
    int claimed = 2 * (1 + Dispatcher.AHEAD); // two threads
    Map<String, Source> sources = new LinkedHashMap<>();
    Map<String, Duration> intervals = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    for (int i = 0; i < claimed + 4; i++) {
      URI url = feeds.url("/feed/" + i).uri();
      sources.put("s" + i, Source.of("s" + i, url));
      intervals.put("s" + i, Duration.ofMinutes(10));
      urls.put("s" + i, url.toString());
    }
    db.schedule().sync(intervals, urls, Instant.now().minusSeconds(1));
    SchedulerSettings threads2 = new SchedulerSettings(2, Duration.ofHours(1),
        Duration.ofHours(6), LEASE, 0);
    Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
        RefreshPolicy.fixedInterval(), Clock.systemUTC());
    Dispatcher dispatcher = new Dispatcher(
        db.schedule(), () -> sources, ingester, threads2, "node-a", Clock.systemUTC(),
        new SimpleMeterRegistry());

    dispatcher.dispatch();
    awaitRequests(2);
    // 2 running + 2 × AHEAD waiting are claimed; another process finds the other 4.
    List<Claim> others = db.schedule().claimDue("node-b", 100, Instant.now(), LEASE);
    assertThat(others).hasSize(4);
    db.schedule().release("node-b", others.stream().map(Claim::sourceId).toList(),
        Instant.now());
    assertThat(dispatcher.inFlight()).isEqualTo(2);

    Thread releaser = new Thread(() -> {
      sleep(300);
      release.countDown();
    });
    releaser.start();
    dispatcher.stop(Duration.ofSeconds(10));
    releaser.join();
    // The two running polls finished; those waiting never started and are free again
    // (with the four never claimed).
    assertThat(requests.get()).isEqualTo(2);
    assertThat(db.schedule().claimDue("node-b", 100, Instant.now(), LEASE))
        .hasSize(claimed - 2 + 4);
  }

  @Test
  void aClaimThatCannotBeReleasedDoesNotAbandonTheRestOfTheBatch() throws Exception {
    Map<String, Duration> intervals = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    for (String id : List.of("gone", "s1", "s2")) {
      intervals.put(id, Duration.ofMinutes(10));
      urls.put(id, feeds.url("/feed/" + id).uri().toString());
    }
    db.schedule().sync(intervals, urls, Instant.now().minusSeconds(60));
    try (java.sql.Connection c = db.dataSource().getConnection();
         java.sql.Statement st = c.createStatement()) {
      // "gone" is due first; the database refuses to release its claim (as in an outage).
      st.execute("UPDATE source_state SET next_poll_at = next_poll_at - INTERVAL 1 HOUR"
          + " WHERE source_id = 'gone'");
      st.execute("CREATE TRIGGER refuse_release BEFORE UPDATE ON source_state FOR EACH ROW"
          + " BEGIN IF OLD.source_id = 'gone' AND NEW.claimed_by IS NULL THEN"
          + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'release refused'; END IF; END");
    }
    // "gone" was removed from the config after the sync: its claim is released, not polled.
    Map<String, Source> sources = new LinkedHashMap<>();
    sources.put("s1", Source.of("s1", feeds.url("/feed/s1").uri()));
    sources.put("s2", Source.of("s2", feeds.url("/feed/s2").uri()));
    Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
        RefreshPolicy.fixedInterval(), Clock.systemUTC());
    Dispatcher dispatcher = new Dispatcher(db.schedule(), () -> sources, ingester,
        new SchedulerSettings(4, Duration.ofHours(1), Duration.ofHours(6), LEASE, 0), "node-a",
        Clock.systemUTC(), new SimpleMeterRegistry());

    dispatcher.dispatch();

    awaitRequests(2);
    assertThat(dispatcher.inFlight()).isEqualTo(2);
    release.countDown();
    dispatcher.stop(Duration.ofSeconds(10));
  }

  private void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requests.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(requests.get()).isEqualTo(n);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
