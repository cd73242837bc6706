package org.newswire.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mariadbd processes serving one data directory, found by their command line (the
 * executable is {@code mariadbd} and its {@code --datadir} is that directory): only a process
 * proven to be such a server is ever stopped.
 */
final class ServerProcesses {
  private ServerProcesses() {}

  static List<ProcessHandle> servingDataDir(Path dataDir) {
    Path wanted = dataDir.toAbsolutePath().normalize();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .filter(p -> servesDataDir(p, wanted)).toList();
  }

  static boolean servesDataDir(ProcessHandle p, Path wanted) {
    Optional<String> command = p.info().command();
    Optional<String[]> args = p.info().arguments();
    if (command.isEmpty() || args.isEmpty()
        || !Path.of(command.get()).getFileName().toString().equals("mariadbd")) {
      return false;
    }
    for (String a : args.get()) {
      if (a.startsWith("--datadir=")
          && Path.of(a.substring("--datadir=".length())).toAbsolutePath().normalize()
              .equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stops a server: SIGTERM (InnoDB flushes and closes cleanly), SIGKILL if it is still there
   * after {@code grace}. Returns false if it could not be stopped.
   */
  static boolean stop(ProcessHandle p, Duration grace) throws InterruptedException {
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException | ExecutionException stillThere) {
        return !p.isAlive();
      }
    } catch (ExecutionException e) {
      return !p.isAlive();
    }
  }
}
