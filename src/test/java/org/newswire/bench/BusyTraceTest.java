package org.newswire.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The busy share per tenth of a window, from /proc/stat-like samples. */
class BusyTraceTest {
  /** Samples every 10 ms over 1 s: busy the whole time except an idle last tenth. */
  @Test
  void anIdleEndShowsInTheLastTenthOnly() {
    long[] start = {1_000, 2_000, 50};
    List<long[]> samples = new ArrayList<>();
    long busy = start[0];
    long total = start[1];
    long ioWait = start[2];
    for (int i = 1; i <= 100; i++) {
      total += 2; // two cores, one jiffy each per sample
      if (i <= 90) {
        busy += 2;
      } else {
        ioWait += 1; // half the idle time waits on the disk
      }
      samples.add(new long[] {i * 10_000_000L, busy, total, ioWait});
    }
    BusyTrace t = BusyTrace.of(samples, start);
    for (int part = 0; part < 9; part++) {
      assertThat(t.busy()[part]).as("tenth %d", part).isCloseTo(100, within(12.0));
    }
    assertThat(t.busy()[9]).isLessThan(15);
    assertThat(t.ioWait()).isCloseTo(5, within(0.5));
    assertThat(t.toString()).startsWith("machine busy by tenth of the window (%): ")
        .endsWith("; I/O wait 5.0% of the window");
  }

  @Test
  void noSamplesGiveNoFigures() {
    BusyTrace t = BusyTrace.of(List.of(), new long[] {0, 0, 0});
    assertThat(java.util.Arrays.stream(t.busy()).allMatch(Double::isNaN)).isTrue();
    assertThat(t.ioWait()).isNaN();
  }
}
