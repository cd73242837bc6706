package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.Fetcher;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;
import picocli.CommandLine;

/** {@code newswire purge} against a real database: dry run, refusal, batches, tombstones. */
class PurgeCommandTest {
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  private static final String FEED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>ТАСС</title><link>https://tass.example/</link>
        <item><title>Совет Федерации одобрил бюджет</title><guid>tass-1</guid>
          <pubDate>Fri, 20 Nov 2026 10:00:00 +0300</pubDate></item>
        <item><title>В Москве выпал первый снег</title><guid>tass-2</guid>
          <pubDate>Fri, 20 Nov 2026 11:00:00 +0300</pubDate></item>
      </channel></rss>
      """;

  @TempDir Path dir;
  private DbSettings settings;
  private Database db;
  private MockWebServer server;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.close();
    db.close();
    TestDatabases.drop(settings);
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private long count(String sql, String sourceId) throws Exception {
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long items(String sourceId) throws Exception {
    return count("SELECT COUNT(*) FROM item WHERE source_id = ?", sourceId);
  }

  private Path config(String sourcesYaml) throws Exception {
    return DaemonFixture.writeConfig(dir, settings, sourcesYaml);
  }

  @Test
  void removedSourceIsPurgedAfterADryRunOthersAreLeftAlone() throws Exception {
    // "rian" was removed from sources.yml; 1,203 of its items are stored (two batches).
    List<org.newswire.model.FinishedItem> many = new java.util.ArrayList<>();
    for (int i = 0; i < PurgeCommand.BATCH + 203; i++) {
      many.add(item("rian-" + i).build());
    }
    Items.poll(db.feeds(), "rian", T0, many);
    Items.poll(db.feeds(), "kabar", T0, List.of(item("k1").build()));
    Path cfg = config("sources:\n  - id: kabar\n    url: https://kabar.example/rss\n");

    Run dry = run("purge", "--source", "rian", "--dry-run", "--config", cfg.toString());
    assertThat(dry.exit()).isZero();
    assertThat(dry.out()).contains("would delete 1203 items of source 'rian'")
        .contains("state row").contains("Nothing deleted");
    assertThat(items("rian")).isEqualTo(1203);

    Run purged = run("purge", "--source", "rian", "--config", cfg.toString());
    assertThat(purged.exit()).as(purged.err()).isZero();
    assertThat(purged.out()).contains("deleted 1203 items in 2 batches, and its state row");
    assertThat(items("rian")).isZero();
    assertThat(count("SELECT COUNT(*) FROM source_state WHERE source_id = ?", "rian")).isZero();
    assertThat(count("SELECT COUNT(*) FROM item_tombstone WHERE source_id = ?", "rian"))
        .isEqualTo(1203);
    assertThat(items("kabar")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM source_state WHERE source_id = ?", "kabar"))
        .isEqualTo(1);

    Run unknown = run("purge", "--source", "rian", "--config", cfg.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no source 'rian'").contains("Nothing deleted");
  }

  @Test
  void configuredSourceNeedsForceAndItsItemsDoNotComeBack() throws Exception {
    server.enqueue(new MockResponse.Builder().body(FEED).build());
    server.enqueue(new MockResponse.Builder().body(FEED + "<!-- again -->").build());
    URI url = URI.create(server.url("/rss").toString());
    Path cfg = config("sources:\n  - id: tass\n    url: " + url + "\n");
    Source tass = Source.of("tass", url);
    try (Fetcher fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(true))) {
      Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
          RefreshPolicy.fixedInterval(), Clock.systemUTC());
      assertThat(ingester.poll(tass).inserted()).isEqualTo(2);

      Run refused = run("purge", "--source", "tass", "--config", cfg.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("'tass' is configured and enabled").contains("--force")
          .contains("Nothing deleted");
      assertThat(items("tass")).isEqualTo(2);

      Run forced = run("purge", "--source", "tass", "--force", "--config", cfg.toString());
      assertThat(forced.exit()).as(forced.err()).isZero();
      assertThat(forced.out()).contains("deleted 2 items in 1 batch;");
      assertThat(items("tass")).isZero();
      // Still configured: its state row stays, and the feed listing the same items adds none.
      assertThat(count("SELECT COUNT(*) FROM source_state WHERE source_id = ?", "tass"))
          .isEqualTo(1);
      assertThat(ingester.poll(tass).inserted()).isZero();
      assertThat(items("tass")).isZero();
    }
  }
}
