package org.newswire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How a daemon's poll threads spent their time, from the kernel's per-thread scheduler
 * statistics ({@code /proc/PID/task/TID/schedstat}: nanoseconds on a CPU, nanoseconds runnable
 * but waiting for one): whatever is left of threads × wall time they were blocked (on the
 * database, the network, a lock) or idle. Unlike throughput, these shares do not depend much
 * on what else the machine runs.
 */
record ThreadTimes(int threads, double cpuSeconds, double runQueueSeconds) {
  static final ThreadTimes NONE = new ThreadTimes(0, 0, 0);

  /** The sums over the daemon's threads whose name starts with {@code prefix} (≤ 15 chars). */
  static ThreadTimes of(long pid, String prefix) {
    int threads = 0;
    long cpu = 0;
    long wait = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          if (!Files.readString(t.resolve("comm")).strip().startsWith(prefix)) {
            continue;
          }
          String[] f = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
          cpu += Long.parseLong(f[0]);
          wait += Long.parseLong(f[1]);
          threads++;
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return NONE;
    }
    return new ThreadTimes(threads, cpu / 1e9, wait / 1e9);
  }

  /** The time spent between {@code before} and this. */
  ThreadTimes since(ThreadTimes before) {
    return new ThreadTimes(threads, cpuSeconds - before.cpuSeconds,
        runQueueSeconds - before.runQueueSeconds);
  }
}
