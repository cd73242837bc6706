package org.newswire.fetch;

import java.time.Duration;

/** Byte counts and durations as operators read them in one-line errors ("16 MiB", "60 s"). */
final class Units {

  private Units() {}

  static String bytes(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + " KiB";
    return bytes + " bytes";
  }

  static String duration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
