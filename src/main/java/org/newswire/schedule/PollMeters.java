package org.newswire.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.newswire.ingest.PollReport;

/** The per-poll meters, looked up once (a registry look-up per poll costs measurable CPU). */
final class PollMeters {
  final java.util.Map<PollReport.Outcome, Counter> polls =
      new java.util.EnumMap<>(PollReport.Outcome.class);
  final Counter itemsNew;
  final Counter itemsUpdated;
  final Timer fetchLatency;
  final Counter fetchBytes;
  final Counter hostBusy;

  PollMeters(MeterRegistry metrics) {
    for (PollReport.Outcome o : PollReport.Outcome.values()) {
      if (o == PollReport.Outcome.HOST_BUSY) {
        continue; // not a poll: counted by newswire.polls.host_busy
      }
      polls.put(o, Counter.builder("newswire.polls").tag("outcome", o.label())
          .description("Polls by outcome").register(metrics));
    }
    itemsNew = Counter.builder("newswire.items.stored").tag("kind", "new").register(metrics);
    itemsUpdated = Counter.builder("newswire.items.stored").tag("kind", "updated")
        .register(metrics);
    fetchLatency = metrics.timer("newswire.fetch.latency");
    fetchBytes = Counter.builder("newswire.fetch.bytes").baseUnit("bytes").register(metrics);
    hostBusy = Counter.builder("newswire.polls.host_busy")
        .description("Polls that found their host busy and waited off-thread")
        .register(metrics);
  }
}
