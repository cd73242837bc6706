package org.newswire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code java -jar newswire.jar run} in its own JVM (heap capped like production), with
 * its CPU time and peak RSS read from /proc, so that the fixture server's and the harness's own
 * work is not counted.
 */
final class DaemonProcess implements AutoCloseable {
  private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

  private final Process process;
  private final Path log;
  /** Stops the daemon if the harness exits first (Ctrl-C, SIGTERM); removed by close. */
  private final Thread stopAtExit;

  private DaemonProcess(Process process, Path log, Thread stopAtExit) {
    this.process = process;
    this.log = log;
    this.stopAtExit = stopAtExit;
  }

  static DaemonProcess start(Path jar, Path config, String name, Path dir, List<String> jvmArgs)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-Dnewswire.cluster=bench", "-jar", jar.toString(), "run",
        "--config", config.toString()));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Process p = pb.start();
    // A harness killed mid-run (Ctrl-C, SIGTERM) must not leave its daemon polling.
    Thread stop = new Thread(p::destroy, name + "-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    return new DaemonProcess(p, log, stop);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** User + system CPU seconds so far. */
  double cpuSeconds() {
    return cpuSeconds(process.pid()).orElse(Double.NaN);
  }

  static Optional<Double> cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may contain spaces: it ends at the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return Optional.of(ticks / (double) CLOCK_TICKS);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Peak resident set size in MiB (VmHWM). */
  double peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /** SIGTERM, as systemd would; the daemon lets running polls finish. */
  @Override
  public void close() throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook stops the daemon too
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
