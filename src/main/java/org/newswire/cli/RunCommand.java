package org.newswire.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.newswire.schedule.PollScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/** {@code newswire run}: the daemon. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the daemon: polls every enabled source on schedule and serves the merged"
        + " feed and the status endpoints.",
        "SIGHUP (systemctl reload) re-reads sources.yml; SIGTERM stops gracefully (running polls"
        + " get up to 30 s) and exits 0."})
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    var both = Configs.load(config.path(), System.err);
    if (both.isEmpty()) {
      return 2;
    }
    Daemon daemon = new Daemon(both.get().daemon(), both.get().sources(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    // Our own TERM/INT handlers: the JVM's default would exit 143 while polls are mid-flight.
    Signal.handle(new Signal("TERM"), sig -> stopAndExit(daemon, stopped));
    Signal.handle(new Signal("INT"), sig -> stopAndExit(daemon, stopped));
    Signal.handle(new Signal("HUP"), sig -> daemon.reload());
    try {
      daemon.start(System.getProperty("newswire.cluster", "newswire"),
          PollScheduler.defaultInstanceId());
    } catch (RuntimeException e) {
      System.err.println("newswire run: cannot start: " + e.getMessage());
      daemon.stop();
      return 1;
    }
    stopped.await();
    return 0;
  }

  private static void stopAndExit(Daemon daemon, CountDownLatch stopped) {
    Thread t = new Thread(() -> {
      daemon.stop();
      stopped.countDown();
      System.exit(0);
    }, "newswire-shutdown");
    t.start();
  }
}
