package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newswire.store.Items.item;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.store.ItemQueries.Query;

/** Searches get a bounded share of the pool: slow ones never starve polling or health. */
class SearchLimitTest {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
  private static DbSettings settings;
  private static Database db;

  @BeforeAll
  static void open() {
    DbSettings fresh = TestDatabases.createFresh();
    // 8 connections: searches may hold 2 of them.
    settings = new DbSettings(fresh.url(), fresh.user(), fresh.password(), fresh.dataDir(), 8);
    db = Database.open(settings);
    Items.poll(db.feeds(), "akipress", T0, List.of(
        item("a1").title("Парламент принял бюджет").build(),
        item("a2").title("Бюджет на следующий год").build()));
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static Query search(String text) {
    return new Query(Optional.empty(), Optional.of(text), 10, Optional.empty());
  }

  @Test
  void searchesBeyondTheirShareAreRefusedWhilePollingAndHealthGoOn() throws Exception {
    // Its check for new items has just run (it reads the locked table): not due again.
    org.newswire.publish.Publisher publisher = new org.newswire.publish.Publisher(db.items(),
        org.newswire.config.HttpSettings.defaults(), List::of, java.time.Clock.systemUTC(),
        Duration.ofHours(1));
    publisher.render(org.newswire.publish.Format.ATOM, Optional.empty(), java.util.Map.of(),
        () -> java.net.URI.create("http://127.0.0.1/"));
    ExecutorService readers = Executors.newFixedThreadPool(3);
    try (Connection locker = db.dataSource().getConnection();
         Statement st = locker.createStatement()) {
      // A table lock held elsewhere keeps searches running, as a slow search would.
      st.execute("LOCK TABLES item WRITE");
      List<Future<ItemQueries.Page>> slow = new ArrayList<>();
      try {
        for (int k = 0; k < 2; k++) {
          slow.add(readers.submit(() -> db.items().page(search("бюджет"))));
        }
        awaitWaitingQueries(2);

        // The third distinct search is turned away at once instead of taking a connection.
        assertThatThrownBy(() -> db.items().page(search("парламент")))
            .isInstanceOf(TooManySearchesException.class)
            .hasMessage("too many searches in progress, retry");
        // Readers are told so: the merged feed answers 503 with the reason.
        assertThat(publisher.render(org.newswire.publish.Format.ATOM, Optional.empty(),
            java.util.Map.of("q", List.of("парламент")),
            () -> java.net.URI.create("http://127.0.0.1/")))
            .isEqualTo(new org.newswire.publish.Publisher.Unavailable(
                "too many searches in progress, retry"));
        // Health and a poll's state save still find connections.
        assertThat(db.problem(Duration.ofSeconds(2))).isEmpty();
        db.feeds().saveState(Items.polled("akipress", "https://akipress.org/rss", T0,
            Optional.of(T0.plusSeconds(900))));
        assertThat(db.feeds().state("akipress").orElseThrow().nextPollAt())
            .contains(T0.plusSeconds(900));
      } finally {
        st.execute("UNLOCK TABLES");
      }
      for (Future<ItemQueries.Page> f : slow) {
        assertThat(f.get(10, TimeUnit.SECONDS).items()).hasSize(2);
      }
    } finally {
      readers.shutdownNow();
    }
    // The slots are free again.
    assertThat(db.items().page(search("парламент")).items()).hasSize(1);
  }

  /** Until {@code n} statements of this database wait for the table lock. */
  private static void awaitWaitingQueries(int n) throws Exception {
    String name = settings.url().orElseThrow().substring(
        settings.url().orElseThrow().lastIndexOf('/') + 1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM"
             + " information_schema.processlist WHERE db = ? AND state LIKE 'Waiting for table%'")) {
      s.setString(1, name);
      while (true) {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= n) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(n + " searches never started waiting");
        }
        Thread.sleep(20);
      }
    }
  }
}
