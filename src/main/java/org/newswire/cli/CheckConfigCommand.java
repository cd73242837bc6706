package org.newswire.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newswire check-config}: validates newswire.yml and sources.yml, changes nothing. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = {"Validates newswire.yml and the sources file it names.",
        "Prints every error as file:line:column: message and exits 1 if there is any."})
final class CheckConfigCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    return Configs.load(config.path(), System.err).map(both -> {
      long enabled = both.sources().stream().filter(s -> s.enabled()).count();
      System.out.println("ok: " + config.path() + " and " + both.daemon().sourcesFile() + " ("
          + both.sources().size() + " sources, " + enabled + " enabled)");
      return 0;
    }).orElse(1);
  }
}
