package org.newswire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What else the machine is doing: the MariaDB server's CPU time (the pipeline's writes cost CPU
 * there too) and how busy all cores were, since the benchmark shares a 2-core machine.
 */
final class Machine {
  private static final Optional<Long> DB_PID = findDatabase();

  private Machine() {}

  private static Optional<Long> findDatabase() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> {
            try {
              String comm = Files.readString(p.resolve("comm")).strip();
              return comm.equals("mariadbd") || comm.equals("mysqld");
            } catch (IOException e) {
              return false;
            }
          })
          .map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** CPU seconds of the local MariaDB server so far (NaN when it is not on this machine). */
  static double databaseCpuSeconds() {
    return DB_PID.flatMap(DaemonProcess::cpuSeconds).orElse(Double.NaN);
  }

  /** All cores' {busy, total, I/O wait} jiffies so far, from /proc/stat (I/O wait is idle). */
  static long[] cpuJiffies() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total, Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0, 0};
    }
  }

  /** Percent of all cores busy since {@code before}. */
  static double busyPercent(long[] before) {
    long[] now = cpuJiffies();
    long total = now[1] - before[1];
    return total == 0 ? Double.NaN : 100.0 * (now[0] - before[0]) / total;
  }
}
