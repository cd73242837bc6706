package org.newswire.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the data directory records about the embedded server running on it
 * ({@code server.properties}, mode 0600): the server's pid and port, and the process that
 * started it (pid and start time, so a reused pid is not taken for it). Other Newswire
 * processes (the CLI beside the daemon) read it to use that server; a start that finds the
 * owner gone stops the server it left behind.
 */
record ServerState(long pid, int port, long ownerPid, Optional<Instant> ownerStarted) {
  static final String FILE = "server.properties";

  static ServerState ofThisProcess(long pid, int port) {
    ProcessHandle me = ProcessHandle.current();
    return new ServerState(pid, port, me.pid(), me.info().startInstant());
  }

  /** True while the process that started the server runs. */
  boolean ownerAlive() {
    return ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive)
        .filter(h -> ownerStarted.isEmpty() || h.info().startInstant().isEmpty()
            || h.info().startInstant().equals(ownerStarted))
        .isPresent();
  }

  static Optional<ServerState> read(Path dir) throws IOException {
    Optional<Properties> p = PrivateFiles.readProperties(dir.resolve(FILE));
    if (p.isEmpty()) {
      return Optional.empty();
    }
    try {
      Properties v = p.get();
      return Optional.of(new ServerState(Long.parseLong(v.getProperty("pid")),
          Integer.parseInt(v.getProperty("port")), Long.parseLong(v.getProperty("owner_pid")),
          Optional.ofNullable(v.getProperty("owner_started")).map(Instant::parse)));
    } catch (RuntimeException e) {
      return Optional.empty(); // unreadable: treated like no record; the server is found by scan
    }
  }

  void write(Path dir) throws IOException {
    PrivateFiles.writeProperties(dir.resolve(FILE),
        "The embedded MariaDB running on this directory (written by newswire; credentials in "
            + Credentials.FILE + ")",
        Map.of("pid", Long.toString(pid), "port", Integer.toString(port),
            "owner_pid", Long.toString(ownerPid),
            "owner_started", ownerStarted.map(Instant::toString).orElse(""),
            "credentials", Credentials.FILE));
  }

  static void delete(Path dir, long pid) throws IOException {
    Optional<ServerState> s = read(dir);
    if (s.isPresent() && s.get().pid() == pid) {
      Files.deleteIfExists(dir.resolve(FILE));
    }
  }
}
