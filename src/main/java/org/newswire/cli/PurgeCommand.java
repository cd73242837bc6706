package org.newswire.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newswire.model.Source;
import org.newswire.store.Database;
import org.newswire.store.SourcePurge;
import org.newswire.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newswire purge --source ID}: a source's stored items deleted. A source removed from
 * sources.yml keeps its items in the merged feed (nothing is lost by an edit); this is how
 * an operator lets them go without SQL.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = {"Deletes the stored items of one source, e.g. one removed from sources.yml.",
        "A removed source's items otherwise stay in the merged feed. Items go in batches of "
            + PurgeCommand.BATCH + " and leave tombstones, so a feed that still lists them does"
            + " not bring them back; a source no longer configured also loses its state row."
            + " A source still configured and enabled is refused without --force.",
        "Exits 0 when done, 1 when refused or the source is unknown, 2 on a configuration or"
            + " database error."})
final class PurgeCommand implements Callable<Integer> {
  static final int BATCH = 1000;

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(names = "--source", required = true, paramLabel = "ID",
      description = "The source whose items to delete.")
  String sourceId;

  @Option(names = "--dry-run", description = "Print how many items would go; change nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Purge a source that is configured and enabled too;"
      + " its next poll stores only items it has not stored before.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var both = Configs.load(config.path(), err::println);
    if (both.isEmpty()) {
      return 2;
    }
    String sourcesFile = both.get().daemon().sourcesFile().toString();
    Optional<Source> configured = both.get().sources().stream()
        .filter(s -> s.id().equals(sourceId)).findFirst();
    boolean active = configured.map(Source::enabled).orElse(false);
    if (active && !force && !dryRun) {
      err.println("newswire purge: source '" + sourceId + "' is configured and enabled in "
          + sourcesFile + "; remove or disable it there first, or pass --force (its next poll"
          + " then stores only items it has not stored before). Nothing deleted.");
      return 1;
    }
    try (Database db = Database.open(both.get().daemon().db())) {
      SourcePurge purge = db.purge();
      int items = purge.countItems(sourceId);
      boolean state = configured.isEmpty() && purge.hasState(sourceId);
      if (configured.isEmpty() && items == 0 && !state) {
        err.println("newswire purge: no source '" + sourceId + "' in " + sourcesFile
            + " and nothing of it in the database. Nothing deleted.");
        return 1;
      }
      if (dryRun) {
        out.println("dry run: would delete " + items + " items of source '" + sourceId + "'"
            + (state ? " and its state row" : "")
            + (active ? " (configured and enabled: purging needs --force)" : "")
            + ". Nothing deleted.");
        return 0;
      }
      int deleted = 0;
      int batches = 0;
      for (int n; (n = purge.deleteItems(sourceId, BATCH, Clock.systemUTC().instant())) > 0; ) {
        deleted += n;
        batches++;
      }
      boolean stateGone = state && purge.deleteState(sourceId);
      out.println("purged source '" + sourceId + "': deleted " + deleted + " items in "
          + batches + (batches == 1 ? " batch" : " batches")
          + (stateGone ? ", and its state row" : "")
          + "; tombstones keep the items from being stored again.");
      return 0;
    } catch (StoreException e) {
      err.println("newswire purge: " + e.getMessage() + "; what was deleted stays deleted,"
          + " run it again to finish.");
      return 2;
    }
  }
}
