package org.newswire.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.newswire.config.ConfigLoader;
import org.newswire.config.Loaded;
import org.newswire.config.NewswireConfig;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.model.Source;

/** Loads both config files for a command, printing every error to {@code err}. */
final class Configs {
  private Configs() {}

  record Both(NewswireConfig daemon, List<Source> sources) {}

  /** The environment's loader, checking extraction selectors with the extractor's engine. */
  static ConfigLoader loader() {
    return ConfigLoader.fromSystem(ArticleExtractor::selectorProblem);
  }

  static Optional<Both> load(Path file, PrintStream err) {
    return load(file, (Consumer<String>) err::println);
  }

  /** The same, each error line handed to {@code err} (a command's picocli writer). */
  static Optional<Both> load(Path file, Consumer<String> err) {
    ConfigLoader loader = loader();
    Loaded<NewswireConfig> daemon = loader.loadDaemon(file);
    if (daemon instanceof Loaded.Invalid<NewswireConfig> bad) {
      bad.errors().forEach(e -> err.accept(e.toString()));
      return Optional.empty();
    }
    NewswireConfig cfg = ((Loaded.Valid<NewswireConfig>) daemon).value();
    Loaded<List<Source>> sources = loader.loadSources(cfg.sourcesFile());
    if (sources instanceof Loaded.Invalid<List<Source>> bad) {
      bad.errors().forEach(e -> err.accept(e.toString()));
      return Optional.empty();
    }
    Loaded.Valid<List<Source>> valid = (Loaded.Valid<List<Source>>) sources;
    valid.warnings().forEach(w -> err.accept(w.toString()));
    return Optional.of(new Both(cfg, valid.value()));
  }
}
