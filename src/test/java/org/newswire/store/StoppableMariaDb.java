package org.newswire.store;

import org.newswire.config.DbSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded MariaDB of a test's own, on a fixed port, that the test can stop and start again
 * with its data kept — for database outages.
 */
public final class StoppableMariaDb implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Credentials credentials;
  private EmbeddedMariaDb running;

  public StoppableMariaDb(Path dir) throws IOException {
    this.dir = dir;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    Files.createDirectories(dir);
    this.credentials = Credentials.loadOrCreate(dir);
  }

  /** Where every test keeps the unpacked server binaries (a cache, like the product's). */
  public static Path serverDir() {
    return Path.of("target/mariadb-server").toAbsolutePath();
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + EmbeddedMariaDb.DATABASE;
  }

  public String user() {
    return credentials.user();
  }

  public String password() {
    return credentials.password();
  }

  public synchronized void start() {
    if (running == null) {
      running = EmbeddedMariaDb.open(dir, serverDir(), port, false,
          DbSettings.DEFAULT_BUFFER_POOL);
    }
  }

  public synchronized void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  /** The running server's process id. */
  public synchronized long pid() {
    return running.pid();
  }

  @Override
  public void close() {
    stop();
  }
}
