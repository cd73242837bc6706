package org.newswire.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.newswire.search.IndexLockedException;
import org.newswire.search.SearchIndex;
import org.newswire.store.Database;
import org.newswire.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code newswire reindex}: the search index built again from the items in the database. The
 * daemon does this by itself when the index is missing or of an older version; this is for an
 * operator who wants it now (a damaged disk, a restored backup).
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = {"Builds the search index (search.dir) again from the items in the database.",
        "Run it while the daemon is stopped: a running daemon holds the index's lock, keeps it"
            + " current by itself and rebuilds it by itself when it is missing or from an older"
            + " version, so with the daemon running this command refuses and changes nothing.",
        "Exits 0 when built, 1 when the index is in use, 2 on a configuration, database or"
            + " disk error."})
final class ReindexCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var both = Configs.load(config.path(), err::println);
    if (both.isEmpty()) {
      return 2;
    }
    var cfg = both.get().daemon();
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant();
    try (Database db = Database.open(cfg.db());
        SearchIndex index = SearchIndex.open(cfg.search().dir(), db.changes(), clock)) {
      long items = index.rebuild();
      out.println("rebuilt the search index in " + index.directory() + ": " + items + " items in "
          + Duration.between(start, clock.instant()).toSeconds() + " s");
      return 0;
    } catch (IndexLockedException e) {
      err.println("newswire reindex: " + e.getMessage() + "; a running daemon keeps its index"
          + " current and rebuilds it by itself when needed. Stop it first to force a rebuild."
          + " Nothing changed.");
      return 1;
    } catch (StoreException | UncheckedIOException e) {
      err.println("newswire reindex: " + e.getMessage() + "; the daemon rebuilds the index by"
          + " itself at its next start.");
      return 2;
    }
  }
}
