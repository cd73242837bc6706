package org.newswire.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.newswire.config.SchedulerSettings;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.PollReport;
import org.newswire.model.Source;
import org.newswire.store.Claim;
import org.newswire.store.ScheduleStore;
import org.newswire.store.SourceState;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code scheduler.threads} polls running: claims due sources in batches (leased,
 * so other processes take other batches), runs them on a bounded pool, renews the leases of
 * polls still running or waiting, and stops in order. Up to as many claimed sources as there
 * are threads wait for a free thread, so that claims come in batches of about
 * {@code scheduler.threads} rather than one transaction per few polls. {@link #dispatch()} is
 * called by the Quartz tick and again whenever the waiting ones have started.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final ScheduleStore schedule;
  private final Supplier<Map<String, Source>> sources;
  private final Ingester ingester;
  private final SchedulerSettings settings;
  private final String owner;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final ExecutorService redispatch;
  private final ScheduledExecutorService renewer;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean redispatchQueued = new AtomicBoolean();
  private final MeterRegistry metrics;
  private final Timer lag;
  private volatile java.util.function.Consumer<PollReport> listener = r -> { };
  private volatile boolean stopping;
  private volatile Instant lastDispatch = Instant.EPOCH;

  Dispatcher(ScheduleStore schedule, Supplier<Map<String, Source>> sources, Ingester ingester,
      SchedulerSettings settings, String owner, Clock clock, MeterRegistry metrics) {
    this.schedule = schedule;
    this.sources = sources;
    this.ingester = ingester;
    this.settings = settings;
    this.owner = owner;
    this.clock = clock;
    this.metrics = metrics;
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0,
        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("newswire-poll"));
    this.redispatch = Executors.newSingleThreadExecutor(named("newswire-dispatch"));
    this.renewer = Executors.newSingleThreadScheduledExecutor(named("newswire-lease"));
    this.lag = Timer.builder("newswire.scheduler.lag")
        .description("How late a due source was claimed").register(metrics);
    metrics.gauge("newswire.polls.in_flight", pool, ThreadPoolExecutor::getActiveCount);
  }

  void onPoll(java.util.function.Consumer<PollReport> l) {
    listener = l;
  }

  void start() {
    long every = Math.max(1000, settings.lease().toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    // The Quartz tick fires on one process of the cluster at a time, and its JDBC store can take
    // a while to recover from a database outage; a process whose dispatcher heard no tick for
    // two ticks looks for due sources itself.
    long tick = settings.tick().toMillis();
    renewer.scheduleWithFixedDelay(this::dispatchIfIdle, 2 * tick, tick, TimeUnit.MILLISECONDS);
  }

  private void dispatchIfIdle() {
    if (clock.instant().isAfter(lastDispatch.plus(settings.tick().multipliedBy(2)))) {
      redispatchSoon();
    }
  }

  /** Claims as many due sources as there are free slots and starts polling them. */
  synchronized void dispatch() {
    if (stopping) {
      return;
    }
    int free = capacity() - inFlight.size();
    if (free <= 0) {
      return;
    }
    Instant now = clock.instant();
    lastDispatch = now;
    List<Claim> claims;
    try {
      claims = schedule.claimDue(owner, free, now, settings.lease());
    } catch (StoreException e) {
      log.warn("dispatcher: {}; will try again on the next tick", e.getMessage());
      return;
    }
    Map<String, Source> configured = sources.get();
    for (Claim c : claims) {
      Source s = configured.get(c.sourceId());
      if (s == null || !s.enabled()) {
        // Removed from the config after the row was read: leave it alone.
        schedule.release(owner, List.of(c.sourceId()));
        continue;
      }
      lag.record(Duration.between(c.dueAt(), now).isNegative() ? Duration.ZERO
          : Duration.between(c.dueAt(), now));
      inFlight.add(s.id());
      pool.execute(new PollTask(s, c.state()));
    }
  }

  private void run(Source s, SourceState state) {
    try {
      PollReport r = ingester.poll(s, Optional.of(state));
      Counter.builder("newswire.polls").tag("outcome", r.outcome().label())
          .description("Polls by outcome").register(metrics).increment();
      Counter.builder("newswire.items.stored").tag("kind", "new").register(metrics)
          .increment(r.inserted());
      Counter.builder("newswire.items.stored").tag("kind", "updated").register(metrics)
          .increment(r.updated());
      metrics.timer("newswire.fetch.latency").record(r.fetchTime());
      Counter.builder("newswire.fetch.bytes").baseUnit("bytes").register(metrics)
          .increment(r.bytesFetched());
      listener.accept(r);
    } catch (RuntimeException e) {
      log.error("source {} ({}): poll failed unexpectedly; will retry after the lease expires",
          s.id(), org.newswire.model.SecretUrls.redact(s.url()), e);
    } finally {
      inFlight.remove(s.id());
      if (inFlight.size() <= settings.threads()) { // nothing waits: claim the next batch
        redispatchSoon();
      }
    }
  }

  /** Polls running plus claimed ones waiting for a thread. */
  private int capacity() {
    return 2 * settings.threads();
  }

  /** A claimed source waiting for, or running on, a poll thread. */
  private final class PollTask implements Runnable {
    final Source source;
    final SourceState state;

    PollTask(Source source, SourceState state) {
      this.source = source;
      this.state = state;
    }

    @Override
    public void run() {
      Dispatcher.this.run(source, state);
    }
  }

  private void redispatchSoon() {
    if (!stopping && redispatchQueued.compareAndSet(false, true)) {
      redispatch.execute(() -> {
        redispatchQueued.set(false);
        dispatch();
      });
    }
  }

  private void renewLeases() {
    try {
      schedule.renew(owner, Set.copyOf(inFlight), clock.instant().plus(settings.lease()));
    } catch (StoreException e) {
      log.warn("dispatcher: cannot renew leases: {}", e.getMessage());
    }
  }

  /** Polls running now (claimed sources waiting for a thread not counted). */
  int inFlight() {
    return pool.getActiveCount();
  }

  Instant lastDispatch() {
    return lastDispatch;
  }

  /**
   * Takes no new polls, lets running ones finish within {@code grace}, then gives up the claims
   * of any still running (their next owner polls them again; one poll is one transaction).
   */
  void stop(Duration grace) {
    List<Runnable> waiting = new ArrayList<>();
    synchronized (this) { // not in the middle of a dispatch
      stopping = true;
      // Claimed sources that have not started are given back below with the abandoned ones
      // (they stay in inFlight), so a stop never waits for them.
      pool.getQueue().drainTo(waiting);
      pool.shutdown();
    }
    redispatch.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} polls still running after {}s; abandoning them",
            inFlight.size() - waiting.size(), grace.toSeconds());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    renewer.shutdownNow();
    try {
      schedule.release(owner, Set.copyOf(inFlight));
    } catch (StoreException e) {
      log.warn("dispatcher: cannot release claims ({}); they expire on their own",
          e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
