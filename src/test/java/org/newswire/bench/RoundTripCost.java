package org.newswire.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * CPU that one trivial statement's round trip costs this process and the MariaDB server (its
 * whole process: connection thread, wake-ups), measured by toggling autocommit on one
 * connection, which is what a transaction adds to its statements at each end. Run by hand
 * (BENCHMARKS.md), on a machine where nothing else uses the server:
 * {@code java -cp target/classes:target/test-classes:CLASSPATH org.newswire.bench.RoundTripCost
 * [JDBC_URL] [MARIADB_PID]}.
 */
public final class RoundTripCost {
  private RoundTripCost() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "jdbc:mariadb://127.0.0.1:3306/test?user=root";
    String pid = args.length > 1 ? args[1] : serverPid();
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    try (Connection c = DriverManager.getConnection(url)) {
      for (int round = 1; round <= 5; round++) {
        int n = 20_000;
        long server0 = cpuMillis(pid);
        long own0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          c.setAutoCommit(false);
          c.setAutoCommit(true);
        }
        double trips = 2.0 * n;
        System.out.printf("round %d: per round trip %.1f µs MariaDB CPU, %.1f µs client CPU,"
            + " %.1f µs wall%n", round, (cpuMillis(pid) - server0) * 1000 / trips,
            (os.getProcessCpuTime() - own0) / 1000.0 / trips,
            (System.nanoTime() - wall0) / 1000.0 / trips);
      }
    }
  }

  private static String serverPid() throws Exception {
    Process p = new ProcessBuilder("pgrep", "-x", "mariadbd").start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (out.isEmpty()) {
      throw new IllegalStateException("no mariadbd process; give its pid as the second argument");
    }
    return out.lines().findFirst().orElseThrow();
  }

  /** User plus system CPU of a process, from /proc (clock ticks of 10 ms). */
  private static long cpuMillis(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }
}
