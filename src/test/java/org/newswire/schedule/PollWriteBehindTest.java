package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
import org.newswire.ingest.PollReport;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;

/**
 * A poll that stores items does not hold its poll thread while they are written: the thread
 * polls the next sources meanwhile, the poll ends (report, claim) once its write has, and a
 * stop waits for it.
 */
class PollWriteBehindTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  @StartStop private final MockWebServer feeds = new MockWebServer();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private DbSettings settings;
  private Database db;
  private Fetcher fetcher;

  @BeforeEach
  void open() throws IOException {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true));
    byte[] feed;
    try (InputStream in = getClass().getResourceAsStream("/parse/agency-utf8-undeclared.xml")) {
      feed = in.readAllBytes();
    }
    // /changed serves a Russian-language feed of two items; every other source is unchanged.
    feeds.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        requested.add(path);
        return path.equals("/changed")
            ? new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/rss+xml; charset=utf-8")
                .body(new okio.Buffer().write(feed)).build()
            : new MockResponse.Builder().code(304).build();
      }
    });
  }

  @AfterEach
  void close() {
    fetcher.close();
    db.close();
    TestDatabases.drop(settings);
  }

  @Test
  void theOnlyPollThreadPollsOnWhileAPollsItemsWaitForTheDatabase() throws Exception {
    Map<String, Source> sources = new LinkedHashMap<>();
    Map<String, Duration> intervals = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    List<String> ids = List.of("changed", "q1", "q2", "q3", "q4");
    for (String id : ids) {
      URI url = feeds.url("/" + id).uri();
      sources.put(id, Source.of(id, url));
      intervals.put(id, Duration.ofMinutes(10));
      urls.put(id, url.toString());
    }
    db.schedule().sync(intervals, urls, Instant.now().minusSeconds(60));
    List<PollReport> reports = new CopyOnWriteArrayList<>();
    try (Connection lock = db.dataSource().getConnection();
         Connection look = db.dataSource().getConnection();
         Statement ls = lock.createStatement(); Statement st = look.createStatement()) {
      // The changed source is claimed and polled first; its items cannot be inserted while
      // this transaction holds the (empty) item table's gap lock, which only repeatable read
      // takes (the store's connections read committed). Claims and the other sources' states
      // do not touch that table.
      st.execute("UPDATE source_state SET next_poll_at = next_poll_at - INTERVAL 1 HOUR"
          + " WHERE source_id = 'changed'");
      lock.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      lock.setAutoCommit(false);
      ls.executeQuery("SELECT * FROM item FOR UPDATE").close();

      Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
          RefreshPolicy.fixedInterval(), Clock.systemUTC());
      Dispatcher dispatcher = new Dispatcher(db.schedule(), () -> sources, ingester,
          new SchedulerSettings(1, Duration.ofHours(1), Duration.ofHours(6), LEASE, 0),
          "node-a", Clock.systemUTC(), new SimpleMeterRegistry());
      dispatcher.onPoll(reports::add);
      dispatcher.dispatch();

      // With one poll thread, the four unchanged sources are polled and recorded only if
      // that thread is not waiting for the changed source's write.
      await(() -> requested.size() == 5 && reports.size() == 4);
      assertThat(requested.get(0)).isEqualTo("/changed");
      assertThat(reports).extracting(PollReport::sourceId)
          .containsExactlyInAnyOrder("q1", "q2", "q3", "q4");
      assertThat(one(st, "SELECT COUNT(*) FROM item")).isZero();
      // The changed source's claim holds while its write waits.
      assertThat(one(st, "SELECT COUNT(*) FROM source_state WHERE source_id = 'changed'"
          + " AND claimed_by = 'node-a'")).isEqualTo(1);

      // A stop waits for the write; the lock goes meanwhile.
      Thread releaser = new Thread(() -> {
        sleep(300);
        try {
          lock.rollback();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      releaser.start();
      dispatcher.stop(Duration.ofSeconds(20));
      releaser.join();

      assertThat(reports).hasSize(5);
      PollReport changed = reports.get(4);
      assertThat(changed.sourceId()).isEqualTo("changed");
      assertThat(changed.outcome()).isEqualTo(PollReport.Outcome.FETCHED);
      assertThat(changed.inserted()).isEqualTo(2);
      assertThat(one(st, "SELECT COUNT(*) FROM item WHERE source_id = 'changed'"
          + " AND title = 'Курс рубля вырос'")).isEqualTo(1);
      assertThat(one(st, "SELECT COUNT(*) FROM source_state WHERE claimed_by IS NOT NULL"))
          .isZero();
    }
  }

  private static long one(Statement st, String sql) throws java.sql.SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("reached within 15 s").isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
