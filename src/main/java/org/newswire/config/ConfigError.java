package org.newswire.config;

import java.nio.file.Path;

/** One problem in a config file, printed as {@code file:line:column: what is wrong}. */
public record ConfigError(Path file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
