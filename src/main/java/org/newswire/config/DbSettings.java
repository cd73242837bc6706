package org.newswire.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is. With no {@code url}, Newswire runs an embedded MariaDB whose files live
 * in {@code dataDir}.
 */
public record DbSettings(
    Optional<String> url, String user, String password, Path dataDir, int poolSize) {

  public boolean embedded() {
    return url.isEmpty();
  }
}
