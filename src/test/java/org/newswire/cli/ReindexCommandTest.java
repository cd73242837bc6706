package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.config.DbSettings;
import org.newswire.search.SearchIndex;
import org.newswire.search.SearchQuery;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;
import picocli.CommandLine;

/** {@code newswire reindex}: builds search.dir from the database; refuses while it is in use. */
class ReindexCommandTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  @TempDir Path dir;
  private DbSettings settings;
  private Database db;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
  }

  @AfterEach
  void tearDown() {
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

  @Test
  void buildsTheIndexInSearchDirBesideTheData() throws Exception {
    Items.poll(db.feeds(), "kabar", T0, List.of(
        item("a").title("Выборы в Жогорку Кенеш назначены на осень").published(T0).build(),
        item("b").title("В Бишкеке открыли новый мост").published(T0.plusSeconds(60)).build()));
    Path cfg = DaemonFixture.writeConfig(dir, settings,
        "sources:\n  - id: kabar\n    url: https://kabar.example/rss\n");
    Run r = run("reindex", "--config", cfg.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isEqualTo(0);
    Path search = dir.resolve("search"); // data_dir defaults to ./data; search beside it
    assertThat(r.out()).startsWith("rebuilt the search index in " + search + ": 2 items in ");
    assertThat(Files.exists(search.resolve("write.lock"))).isTrue();

    // Opened afterwards, as the daemon would, it answers at once from what reindex built.
    try (SearchIndex index = SearchIndex.open(search, db.changes(), Clock.systemUTC())) {
      index.start();
      SearchQuery q = ((SearchQuery.Valid) SearchQuery.parse("выбор")).query();
      long deadline = System.nanoTime() + 30_000_000_000L;
      List<Long> ids = List.of();
      while (ids.isEmpty() && System.nanoTime() < deadline) {
        try {
          ids = index.search(q, Optional.empty(), Optional.empty(), 10, true).ids();
        } catch (org.newswire.search.SearchRefusedException e) {
          Thread.sleep(20);
        }
      }
      assertThat(ids).hasSize(1);
    }
  }

  @Test
  void refusesWhileARunningProcessHoldsTheIndex() throws Exception {
    Path cfg = DaemonFixture.writeConfig(dir, settings,
        "sources:\n  - id: kabar\n    url: https://kabar.example/rss\n");
    Files.writeString(cfg, Files.readString(cfg) + "search:\n  dir: idx\n");
    try (SearchIndex running = SearchIndex.open(dir.resolve("idx"), db.changes(),
        Clock.systemUTC())) {
      Run r = run("reindex", "--config", cfg.toString());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("newswire reindex: the search index in " + dir.resolve("idx")
          + " is in use by another newswire process (its write.lock is held); a running daemon"
          + " keeps its index current and rebuilds it by itself when needed. Stop it first to"
          + " force a rebuild. Nothing changed.\n");
    }
  }
}
