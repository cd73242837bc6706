package org.newswire.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An embedded MariaDB of a test's own, on a fixed port, that the test can stop and start again
 * with its data kept — for database outages.
 */
public final class StoppableMariaDb implements AutoCloseable {
  private final Path dir;
  private final int port;
  private EmbeddedMariaDb running;

  public StoppableMariaDb(Path dir) throws IOException {
    this.dir = dir;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + EmbeddedMariaDb.DATABASE;
  }

  public synchronized void start() {
    if (running == null) {
      running = EmbeddedMariaDb.start(dir, port);
    }
  }

  public synchronized void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
