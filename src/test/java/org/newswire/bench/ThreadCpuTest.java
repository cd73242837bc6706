package org.newswire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void numberedThreadsOfOnePoolAreOneKind() {
    assertEquals("GC", ThreadCpu.group("GC Thread#3"));
    assertEquals("GC", ThreadCpu.group("G1 Conc#0"));
    assertEquals("JIT", ThreadCpu.group("C2 CompilerThre"));
    assertEquals("newswire-poll", ThreadCpu.group("newswire-poll-12"));
    assertEquals("Lucene Merge Th", ThreadCpu.group("Lucene Merge Th"));
    assertEquals("search-index", ThreadCpu.group("search-index"));
  }

  @Test
  void aWindowIsSplitByKindAndAThreadStartedInItCountsWhole() throws Exception {
    long pid = ProcessHandle.current().pid();
    assumeTrue(Files.isDirectory(Path.of("/proc", Long.toString(pid), "task")), "needs /proc");
    ThreadCpu before = ThreadCpu.of(pid);
    Object done = new Object();
    Thread burner = new Thread(() -> {
      long until = System.nanoTime() + 200_000_000L;
      long x = 0;
      while (System.nanoTime() < until) {
        x += System.nanoTime() % 7;
      }
      synchronized (done) {
        done.notifyAll();
      }
      try {
        Thread.sleep(60_000); // alive while the second snapshot is taken
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (x == 42) {
        System.out.print("");
      }
    }, "burner-7");
    burner.setDaemon(true);
    synchronized (done) {
      burner.start();
      done.wait(5_000);
    }
    Map<String, Double> window = ThreadCpu.of(pid).since(before);
    burner.interrupt();
    assertTrue(window.getOrDefault("burner", 0.0) >= 0.1, window.toString());
    assertFalse(window.containsKey("burner-7"), window.toString());
    double first = window.values().iterator().next();
    assertTrue(window.values().stream().allMatch(v -> v <= first), "largest first: " + window);
  }
}
