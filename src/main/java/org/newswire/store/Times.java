package org.newswire.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** DATETIME columns hold UTC wall-clock time; these convert at the border. */
final class Times {
  private Times() {}

  static LocalDateTime utc(Instant i) {
    return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Instant instant(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
