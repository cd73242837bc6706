package org.newswire.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.newswire.ingest.PollReport;
import org.newswire.model.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newswire poll}: every enabled source (or one) polled once, one line per source. */
@Command(name = "poll", mixinStandardHelpOptions = true,
    description = {"Polls the configured sources once and stores what is new.",
        "Prints one line per source: id, outcome, HTTP status, new, updated, error.",
        "Exits 1 when any source failed, 2 on a configuration or database error."})
final class PollCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--source", paramLabel = "ID", description = "Poll only this source.")
  String sourceId;

  @Override
  public Integer call() {
    var both = Configs.load(config.path(), System.err);
    if (both.isEmpty()) {
      return 2;
    }
    List<Source> sources = both.get().sources().stream()
        .filter(s -> sourceId == null ? s.enabled() : s.id().equals(sourceId)).toList();
    if (sources.isEmpty()) {
      System.err.println(sourceId == null ? "no enabled sources in "
          + both.get().daemon().sourcesFile() : "no source '" + sourceId + "' in "
          + both.get().daemon().sourcesFile());
      return 2;
    }
    try (Components app = Components.open(both.get().daemon())) {
      int failed = 0;
      System.out.printf("%-24s %-13s %6s %5s %7s  %s%n", "SOURCE", "OUTCOME", "STATUS", "NEW",
          "UPDATED", "ERROR");
      for (Source s : sources) {
        PollReport r = app.ingester().poll(s);
        failed += r.outcome().isFailure() ? 1 : 0;
        System.out.printf("%-24s %-13s %6s %5d %7d  %s%n", s.id(), r.outcome().label(),
            r.httpStatus().map(String::valueOf).orElse("-"), r.inserted(), r.updated(),
            r.error().orElse("-"));
      }
      return failed > 0 ? 1 : 0;
    } catch (org.newswire.store.StoreException e) {
      System.err.println("newswire poll: " + e.getMessage());
      return 2;
    }
  }
}
