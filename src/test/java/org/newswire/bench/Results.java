package org.newswire.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures by scenario and metric; printed as medians with their spread. */
final class Results {
  private final Map<String, List<Double>> values = new LinkedHashMap<>();

  void add(String scenario, String metric, double value) {
    values.computeIfAbsent(scenario + " " + metric, k -> new ArrayList<>()).add(value);
  }

  private double[] get(String key) {
    return values.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue)
        .sorted().toArray();
  }

  /** The median of a figure ("scenario metric"); NaN when it was not measured. */
  double median(String key) {
    return median(get(key));
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  void print(PrintStream out, Options o) {
    out.println();
    out.printf("%-8s %-12s %4s %12s %12s %12s   %s%n", "scenario", "metric", "n", "median",
        "min", "max", "target");
    for (String key : values.keySet()) {
      double[] v = get(key);
      String[] sm = key.split(" ");
      out.printf("%-8s %-12s %4d %12s %12s %12s   %s%n", sm[0], sm[1], v.length,
          fmt(median(v)), fmt(v[0]), fmt(v[v.length - 1]), target(key, median(v)));
    }
    // The floor indexes every item it stores; the pipeline's figure counts its search index
    // catching up after the last poll, which the window up to that poll leaves out.
    ratio(out, "cold", "pipe/floor", get("cold cpu_ms/it+ix"), get("floor cpu_ms/item"), 1.5);
    ratio(out, "two", "cycle/one", get("two cycle_s"), get("steady cycle_s"), 1.0);
  }

  /** Median of {@code num} over median of {@code den}, against a ceiling. */
  private static void ratio(PrintStream out, String scenario, String name, double[] num,
      double[] den, double limit) {
    if (num.length == 0 || den.length == 0) {
      return;
    }
    double r = median(num) / median(den);
    out.printf("%-8s %-12s %4s %12s %12s %12s   %s%n", scenario, name, "", fmt(r), "", "",
        String.format("<= %.2f ", limit) + (r <= limit ? "MET" : "NOT MET"));
  }

  private static String target(String key, double median) {
    return switch (key) {
      case "steady polls/s" -> ">= 1400 " + (median >= 1400 ? "MET" : "NOT MET");
      case "steady machine_busy" -> ">= 95 " + (median >= 95 ? "MET" : "NOT MET");
      case "steady cpu+db_ms/pl" -> "<= 1.0 " + (median <= 1.0 ? "MET" : "NOT MET");
      case "cold items/s" -> ">= 2000 " + (median >= 2000 ? "MET" : "NOT MET");
      case "steady rss", "two rss", "cold rss" -> "MiB peak RSS (heap capped by -Xmx)";
      default -> "";
    };
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.3f", v);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", Arrays.copyOf(f, 3));
    } catch (Exception e) {
      return "?";
    }
  }
}
