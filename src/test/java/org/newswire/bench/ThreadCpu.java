package org.newswire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A snapshot of the CPU time of each thread of a daemon ({@code /proc/PID/task/TID/schedstat}),
 * so that a window's CPU can be split by what the threads do: the poll threads, the garbage
 * collector, the JIT, the search index, the rest. Poll threads were about half of a steady
 * cycle's CPU; without this split the other half could not be told apart from the outside.
 */
record ThreadCpu(Map<Long, String> groups, Map<Long, Long> nanos) {
  static final ThreadCpu NONE = new ThreadCpu(Map.of(), Map.of());

  static ThreadCpu of(long pid) {
    Map<Long, String> groups = new HashMap<>();
    Map<Long, Long> nanos = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          long tid = Long.parseLong(t.getFileName().toString());
          String comm = Files.readString(t.resolve("comm")).strip();
          long ns = Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split("\\s+")[0]);
          groups.put(tid, group(comm));
          nanos.put(tid, ns);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return NONE;
    }
    return new ThreadCpu(groups, nanos);
  }

  /**
   * A thread's kind from its name (at most 15 characters in {@code comm}): numbered threads of
   * one pool are one kind («GC Thread#3», «newswire-poll-12»).
   */
  static String group(String comm) {
    String g = comm.replaceAll("[-#\\s]*\\d+$", "");
    if (g.startsWith("G1 ") || g.startsWith("GC Thread")) {
      return "GC";
    }
    if (g.startsWith("C1 Compiler") || g.startsWith("C2 Compiler")) {
      return "JIT";
    }
    return g.isEmpty() ? comm : g;
  }

  /**
   * CPU seconds per kind of thread between {@code before} and this snapshot, largest first.
   * Threads that ended in between are not here: their share is the process's CPU less these.
   */
  Map<String, Double> since(ThreadCpu before) {
    Map<String, Double> out = new HashMap<>();
    nanos.forEach((tid, ns) -> out.merge(groups.get(tid),
        (ns - before.nanos.getOrDefault(tid, 0L)) / 1e9, Double::sum));
    Map<String, Double> sorted = new LinkedHashMap<>();
    out.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
