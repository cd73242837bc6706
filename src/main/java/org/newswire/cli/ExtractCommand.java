package org.newswire.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code newswire extract}: not built yet. */
@Command(name = "extract", description = "Not built yet.")
final class ExtractCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("newswire extract: not built yet");
    return 2;
  }
}
