package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
import org.newswire.store.Database;
import org.newswire.store.SourceState;
import org.newswire.store.TestDatabases;

/**
 * One slow host must not hold the poll threads: a source on another host is polled while the
 * slow host's polls are still in flight, and the slow host's other sources are polled later.
 */
class BusyHostTest {
  private static final int SLOW_SOURCES = 5;

  private final MockWebServer slowHost = new MockWebServer();
  private final MockWebServer otherHost = new MockWebServer();
  private final CountDownLatch slowHostAnswers = new CountDownLatch(1);
  private final AtomicInteger slowRequests = new AtomicInteger();
  private DbSettings settings;
  private Database db;
  private Fetcher fetcher;
  private Dispatcher dispatcher;

  @BeforeEach
  void open() throws Exception {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    // Both servers listen on 127.0.0.1; the limiter counts per host name, so "127.0.0.1" and
    // "localhost" are two hosts, as two agencies' servers would be.
    slowHost.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        slowRequests.incrementAndGet();
        slowHostAnswers.await(30, TimeUnit.SECONDS); // a server that takes its time
        return feed("Медленное агентство", request.getUrl().encodedPath());
      }
    });
    otherHost.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return feed("Быстрое агентство", request.getUrl().encodedPath());
      }
    });
    slowHost.start(InetAddress.getByName("127.0.0.1"), 0);
    otherHost.start(InetAddress.getByName("127.0.0.1"), 0);
    // Two requests per host, a minute's call timeout: without the fix a third poll thread
    // waits that minute for the slow host.
    fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
  }

  @AfterEach
  void close() {
    slowHostAnswers.countDown();
    if (dispatcher != null) {
      dispatcher.stop(Duration.ofSeconds(10));
    }
    fetcher.close();
    slowHost.close();
    otherHost.close();
    db.close();
    TestDatabases.drop(settings);
  }

  @Test
  void aSourceOnAnotherHostIsPolledWhileTheSlowHostIsBusyAndNoSlowSourceIsDropped()
      throws Exception {
    Map<String, Source> sources = new LinkedHashMap<>();
    for (int i = 0; i < SLOW_SOURCES; i++) {
      sources.put("slow" + i, Source.of("slow" + i,
          URI.create("http://127.0.0.1:" + slowHost.getPort() + "/feed/" + i)));
    }
    sync(sources);
    // Three threads, two requests per host: one thread is left that the slow host must not keep.
    SchedulerSettings threads3 = new SchedulerSettings(3, Duration.ofSeconds(1),
        Duration.ofHours(6), Duration.ofMinutes(5), 0);
    Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
        RefreshPolicy.fixedInterval(), Clock.systemUTC());
    dispatcher = new Dispatcher(db.schedule(), () -> sources, ingester, threads3, "node-a",
        Clock.systemUTC(), new SimpleMeterRegistry());
    dispatcher.start();
    dispatcher.dispatch();
    await(() -> slowRequests.get() == 2, "two polls in flight on the slow host");

    sources.put("other", Source.of("other",
        URI.create("http://localhost:" + otherHost.getPort() + "/feed")));
    sync(sources);
    dispatcher.dispatch();

    RecordedRequest polled = otherHost.takeRequest(20, TimeUnit.SECONDS);
    assertThat(polled).as("the other host's source was polled").isNotNull();
    await(() -> state("other").lastOutcome().isPresent(), "the other source's poll stored");
    assertThat(state("other").lastOutcome()).contains("fetched");
    assertThat(slowRequests.get()).as("the slow host still held at its limit").isEqualTo(2);
    assertThat(slowHostAnswers.getCount()).isEqualTo(1);

    slowHostAnswers.countDown();
    for (int i = 0; i < SLOW_SOURCES; i++) {
      String id = "slow" + i;
      await(() -> state(id).lastOutcome().isPresent(), id + " polled after the slow host answered");
      SourceState s = state(id);
      assertThat(s.lastOutcome()).as(id).contains("fetched");
      assertThat(s.consecutiveFailures()).as(id + ": waiting for the host is no failure")
          .isZero();
    }
    assertThat(slowRequests.get()).isEqualTo(SLOW_SOURCES);
  }

  @Test
  void aPollHandedBackToTheScheduleIsDueAgainLaterUnclaimedWithItsStateUnchanged() {
    Map<String, Source> sources = new LinkedHashMap<>();
    sources.put("kabar", Source.of("kabar", URI.create("http://127.0.0.1:1/rss")));
    sync(sources);
    Instant now = Instant.now();
    assertThat(db.schedule().claimDue("node-a", 10, now, Duration.ofMinutes(1))).hasSize(1);
    SourceState before = state("kabar");

    db.schedule().postpone("node-b", "kabar", now.plusSeconds(5)); // not node-b's claim
    assertThat(state("kabar")).isEqualTo(before);
    db.schedule().postpone("node-a", "kabar", now.plusSeconds(5));

    SourceState after = state("kabar");
    assertThat(after.nextPollAt().orElseThrow())
        .isBetween(now.plusSeconds(4), now.plusSeconds(6)); // the column's precision aside
    assertThat(after.lastPollAt()).isEmpty();
    assertThat(after.consecutiveFailures()).isZero();
    assertThat(db.schedule().claimDue("node-b", 10, now.plusSeconds(4), Duration.ofMinutes(1)))
        .as("not due before its time").isEmpty();
    assertThat(db.schedule().claimDue("node-b", 10, now.plusSeconds(6), Duration.ofMinutes(1)))
        .as("due then, and its claim free for anyone").hasSize(1);
  }

  private void sync(Map<String, Source> sources) {
    Map<String, Duration> intervals = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    sources.forEach((id, s) -> {
      intervals.put(id, Duration.ofHours(1));
      urls.put(id, s.url().toString());
    });
    db.schedule().sync(intervals, urls, Instant.now().minusSeconds(1));
  }

  private SourceState state(String id) {
    return db.feeds().state(id).orElseThrow();
  }

  private static MockResponse feed(String title, String path) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/rss+xml; charset=utf-8")
        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>"
            + title + "</title><link>https://example.kz/</link><item><title>Новость " + path
            + "</title><link>https://example.kz" + path + "/1</link><guid>" + path
            + "/1</guid></item></channel></rss>")
        .build();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
