package org.newswire.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Files only their owner may read: the embedded server's state and credentials (mode 0600). */
final class PrivateFiles {
  private PrivateFiles() {}

  /** Creates {@code dir} (and parents) if missing; {@code dir} itself gets mode 0700 either way. */
  static void privateDirectory(Path dir) throws IOException {
    try {
      Files.createDirectories(dir.getParent());
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // tightened below
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  /** Writes {@code text} to {@code file} with mode 0600, replacing it in one step. */
  static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void writeProperties(Path file, String comment, Map<String, String> values)
      throws IOException {
    Properties p = new Properties();
    p.putAll(values);
    StringWriter out = new StringWriter();
    p.store(out, comment);
    write(file, out.toString());
  }

  /** The properties in {@code file}, or empty when it does not exist. */
  static Optional<Properties> readProperties(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file)));
    return Optional.of(p);
  }
}
