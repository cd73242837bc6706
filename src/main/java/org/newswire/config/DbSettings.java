package org.newswire.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is. With no {@code url}, Newswire runs an embedded MariaDB whose data lives
 * in {@code dataDir} and whose server binaries (a cache unpacked from the jar, ~330 MB) live in
 * {@code serverDir}.
 */
public record DbSettings(
    Optional<String> url, String user, String password, Path dataDir, int poolSize,
    Path serverDir) {

  /** Settings whose embedded server, if any, keeps its binaries beside {@code dataDir}. */
  public DbSettings(Optional<String> url, String user, String password, Path dataDir,
      int poolSize) {
    this(url, user, password, dataDir, poolSize,
        dataDir.toAbsolutePath().resolveSibling("mariadb-server"));
  }

  public boolean embedded() {
    return url.isEmpty();
  }
}
