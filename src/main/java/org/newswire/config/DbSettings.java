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
    Path serverDir, long bufferPoolBytes) {
  /**
   * The embedded server's InnoDB buffer pool unless {@code db.buffer_pool_size} says otherwise:
   * MariaDB's own default, enough for the story index of a few hundred sources' 72 hours.
   */
  public static final long DEFAULT_BUFFER_POOL = 128L * 1024 * 1024;

  /** Settings with the default buffer pool ({@link #DEFAULT_BUFFER_POOL}). */
  public DbSettings(Optional<String> url, String user, String password, Path dataDir,
      int poolSize, Path serverDir) {
    this(url, user, password, dataDir, poolSize, serverDir, DEFAULT_BUFFER_POOL);
  }

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
