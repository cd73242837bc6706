package org.newswire.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code newswire parse}: not built yet. */
@Command(name = "parse", description = "Not built yet.")
final class ParseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("newswire parse: not built yet");
    return 2;
  }
}
