package org.newswire.clean;

import java.util.Optional;

/** STUB until the clean package lands. */
public final class Urls {
  private Urls() {}

  public static Optional<String> canonical(String url) {
    return Optional.ofNullable(url);
  }
}
