package org.newswire.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that needs newswire.yml shares. */
final class ConfigOption {
  static final String ENV = "NEWSWIRE_CONFIG";

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "newswire.yml to use (default: $NEWSWIRE_CONFIG, else config/newswire.yml).")
  Path file;

  Path path() {
    if (file != null) {
      return file;
    }
    String env = System.getenv(ENV);
    return Path.of(env != null && !env.isBlank() ? env : "config/newswire.yml");
  }
}
