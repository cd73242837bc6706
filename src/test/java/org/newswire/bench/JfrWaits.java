package org.newswire.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the daemon's poll threads wait, from a flight recording made with every park, monitor
 * entry and socket read recorded ({@link #JVM_OPTIONS}'s thresholds of 0): the blocked time of
 * the {@code newswire-poll-*} threads inside the measured windows, by what they waited on (the
 * stack decides), as a share of those threads' time (threads × window).
 */
final class JfrWaits {
  /** Event settings on top of a recording's {@code settings=}: every wait, however short. */
  static final String EVENT_OPTIONS = "jdk.ThreadPark#threshold=0ms,"
      + "jdk.JavaMonitorEnter#threshold=0ms,jdk.SocketRead#threshold=0ms";

  /** A measured window, in wall-clock time. */
  record Window(Instant start, Instant end) {}

  /** Seconds of poll-thread time by wait, largest first; the dispatcher's separately. */
  record Breakdown(Map<String, Double> pollWaits, Map<String, Double> dispatcherWaits,
      double pollThreadSeconds) {

    /** "claim commit 41.2%, ..." — the top {@code n} waits as shares of poll-thread time. */
    String top(int n) {
      List<String> parts = new ArrayList<>();
      pollWaits.entrySet().stream().limit(n).forEach(e -> parts.add(String.format("%s %.1f%%",
          e.getKey(), 100 * e.getValue() / pollThreadSeconds)));
      return String.join(", ", parts);
    }
  }

  private JfrWaits() {}

  static Breakdown read(Path recording, List<Window> windows, int pollThreads)
      throws IOException {
    Map<String, Double> poll = new LinkedHashMap<>();
    Map<String, Double> dispatch = new LinkedHashMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      String type = e.getEventType().getName();
      if (!type.equals("jdk.ThreadPark") && !type.equals("jdk.JavaMonitorEnter")
          && !type.equals("jdk.SocketRead")) {
        continue;
      }
      if (e.getThread() == null || e.getThread().getJavaName() == null) {
        continue;
      }
      String thread = e.getThread().getJavaName();
      boolean pollThread = thread.startsWith("newswire-poll-");
      if (!pollThread && !thread.startsWith("newswire-dispatch")) {
        continue;
      }
      double seconds = overlap(e.getStartTime(), e.getEndTime(), windows);
      if (seconds <= 0) {
        continue;
      }
      (pollThread ? poll : dispatch).merge(classify(e.getStackTrace(), pollThread), seconds,
          Double::sum);
    }
    double total = pollThreads * windows.stream()
        .mapToDouble(w -> Duration.between(w.start(), w.end()).toNanos() / 1e9).sum();
    return new Breakdown(sorted(poll), sorted(dispatch), total);
  }

  private static Map<String, Double> sorted(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static double overlap(Instant start, Instant end, List<Window> windows) {
    double s = 0;
    for (Window w : windows) {
      Instant a = start.isAfter(w.start()) ? start : w.start();
      Instant b = end.isBefore(w.end()) ? end : w.end();
      if (b.isAfter(a)) {
        s += Duration.between(a, b).toNanos() / 1e9;
      }
    }
    return s;
  }

  /** What a wait was for, from its stack: the first rule that matches, top frame first. */
  static String classify(RecordedStackTrace stack, boolean pollThread) {
    if (stack == null) {
      return "unknown (no stack)";
    }
    List<String> frames = new ArrayList<>();
    for (RecordedFrame f : stack.getFrames()) {
      if (f.getMethod() != null && f.getMethod().getType() != null) {
        frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
      }
    }
    String op = operation(frames);
    if (has(frames, "org.newswire.fetch.HostLimiter")) {
      return "host limiter";
    }
    if (has(frames, "com.zaxxer.hikari.pool.HikariPool.getConnection")) {
      return "pool acquisition (" + op + ")";
    }
    if (frames.stream().anyMatch(f -> f.startsWith("org.mariadb.jdbc")
        && (f.endsWith(".commit") || f.endsWith(".executeInternal") && isCommitPath(frames)))) {
      return op + ": commit";
    }
    if (frames.stream().anyMatch(f -> f.startsWith("org.mariadb.jdbc"))) {
      return op + ": statements";
    }
    if (!op.equals("other") && !op.equals("HTTP fetch")) {
      return op + ": waiting for another thread's write";
    }
    if (has(frames, "okhttp3.") || has(frames, "org.newswire.fetch.")) {
      return "HTTP fetch";
    }
    if (has(frames, "java.util.concurrent.ThreadPoolExecutor.getTask")) {
      return pollThread ? "idle: no claimed source queued for the thread" : "idle";
    }
    return "other: " + frames.stream().filter(f -> f.startsWith("org.newswire.")).findFirst()
        .orElse(frames.isEmpty() ? "?" : frames.get(0));
  }

  private static boolean isCommitPath(List<String> frames) {
    return frames.stream().anyMatch(f -> f.endsWith(".commit"));
  }

  /** The Newswire operation on the stack (the innermost one that names it). */
  private static String operation(List<String> frames) {
    if (has(frames, "org.newswire.store.FeedStore.recordPoll")) {
      return "item write"; // its state upsert too
    }
    for (String f : frames) {
      if (f.startsWith("org.newswire.store.")) {
        String m = f.substring(f.lastIndexOf('.') + 1);
        switch (m) {
          case "saveState", "saveStates", "flushStates", "writeStates" -> {
            return "state save";
          }
          case "recordPoll" -> {
            return "item write";
          }
          case "knownItems" -> {
            return "known-items read";
          }
          case "claimDue" -> {
            return "claim";
          }
          case "renew", "release", "postpone" -> {
            return "lease";
          }
          default -> { }
        }
      }
      if (f.startsWith("org.newswire.fetch.")) {
        return "HTTP fetch";
      }
    }
    return "other";
  }

  private static boolean has(List<String> frames, String prefix) {
    return frames.stream().anyMatch(f -> f.startsWith(prefix));
  }

  /** For reading a recording by hand: {@code JfrWaits FILE THREADS} (the whole recording). */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    List<RecordedEvent> all = RecordingFile.readAllEvents(file);
    Instant start = all.stream().map(RecordedEvent::getStartTime).min(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
    Instant end = all.stream().map(RecordedEvent::getEndTime).max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
    Breakdown b = read(file, List.of(new Window(start, end)), Integer.parseInt(args[1]));
    b.pollWaits().forEach((k, v) -> System.out.printf("poll %-60s %8.2f s %5.1f%%%n", k, v,
        100 * v / b.pollThreadSeconds()));
    b.dispatcherWaits().forEach((k, v) -> System.out.printf("dispatch %-56s %8.2f s%n", k, v));
  }
}
