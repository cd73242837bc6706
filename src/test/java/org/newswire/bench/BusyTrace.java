package org.newswire.bench;

import java.util.List;

/**
 * How busy the machine was in each tenth of a measured window, and its I/O wait: whether the
 * idle share of a cycle sits at its ends (the claims starting, the last polls finishing) or is
 * spread over it (threads waiting on the disk or on each other).
 *
 * @param busy percent of all cores busy in each tenth, in order
 * @param ioWait percent of all cores' time idle with I/O outstanding, over the whole window
 */
record BusyTrace(double[] busy, double ioWait) {
  private static final int PARTS = 10;

  /**
   * From samples {nanoTime, busy, total, I/O wait jiffies} taken during the window, the first
   * at or after its start, and {@code start}: {@link Machine#cpuJiffies} at the window's start.
   */
  static BusyTrace of(List<long[]> samples, long[] start) {
    double[] busy = new double[PARTS];
    if (samples.isEmpty() || start == null) {
      java.util.Arrays.fill(busy, Double.NaN);
      return new BusyTrace(busy, Double.NaN);
    }
    long t0 = samples.get(0)[0];
    long t1 = samples.get(samples.size() - 1)[0];
    long[] from = {t0, start[0], start[1], start[2]};
    int sample = 0;
    for (int part = 0; part < PARTS; part++) {
      long until = t0 + (t1 - t0) * (part + 1) / PARTS;
      while (sample < samples.size() - 1 && samples.get(sample)[0] < until) {
        sample++;
      }
      long[] to = samples.get(sample);
      long total = to[2] - from[2];
      busy[part] = total == 0 ? Double.NaN : 100.0 * (to[1] - from[1]) / total;
      from = to;
    }
    long[] last = samples.get(samples.size() - 1);
    long total = last[2] - start[1];
    return new BusyTrace(busy, total == 0 ? Double.NaN : 100.0 * (last[3] - start[2]) / total);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("machine busy by tenth of the window (%):");
    for (double d : busy) {
      b.append(Double.isNaN(d) ? " -" : String.format(" %.0f", d));
    }
    return b.append(String.format("; I/O wait %.1f%% of the window", ioWait)).toString();
  }
}
