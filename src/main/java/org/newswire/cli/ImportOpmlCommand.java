package org.newswire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newswire.config.ConfigLoader;
import org.newswire.config.Loaded;
import org.newswire.config.NewswireConfig;
import org.newswire.config.OpmlImport;
import org.newswire.model.SecretUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newswire import-opml FILE}: appends an OPML file's feeds to sources.yml. */
@Command(name = "import-opml", mixinStandardHelpOptions = true,
    description = {"Appends the feeds of an OPML file to the sources file (comments and layout"
        + " kept; feeds already configured skipped).",
        "Prints one line per outline it skips (already configured, not an http(s) feed URL,"
        + " a type=\"link\" page) and why. A running daemon picks the new sources up by itself."})
final class ImportOpmlCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "OPML 1.0/2.0 file to import.")
  Path opml;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigLoader loader = Configs.loader();
    Loaded<NewswireConfig> daemon = loader.loadDaemon(config.path());
    if (daemon instanceof Loaded.Invalid<NewswireConfig> bad) {
      bad.errors().forEach(err::println);
      return 2;
    }
    Path sources = ((Loaded.Valid<NewswireConfig>) daemon).value().sourcesFile();
    try {
      OpmlImport.Result r = OpmlImport.importInto(opml, sources, loader);
      r.added().forEach(s -> out.println("added   " + s.id() + "  " + SecretUrls.redact(s.url())));
      r.skipped().forEach(s -> out.println("skipped " + SecretUrls.redactIn(s)));
      out.println(r.added().size() + " feeds added to " + sources + ", "
          + r.skipped().size() + " outlines skipped");
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("newswire import-opml: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("newswire import-opml: cannot read or write: " + e.getMessage());
      return 1;
    }
  }
}
