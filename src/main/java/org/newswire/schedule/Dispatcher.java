package org.newswire.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * polls still running or waiting, and stops in order. Up to {@link #AHEAD} times as many
 * claimed sources as there are threads wait for a free thread, and the next batch is claimed
 * as soon as {@link #CLAIM_BATCH} threads' worth of them have started: a claim is a transaction
 * with a commit, and the threads must not run dry while it is on its way (they did, three
 * quarters of their time, once polls stopped waiting for their own commits). {@link
 * #dispatch()} is called by the Quartz tick and again whenever a batch's worth of slots is
 * free. A poll whose host
 * already has {@code fetch.per_host_concurrency} requests in flight does not hold its thread: it
 * waits off-thread for a poll of that host to end (see {@link #waitForHost}). Nor does a poll
 * whose items are being written: the thread goes on to the next source, and the poll ends
 * (its report, its claim) once the store has written them ({@link
 * org.newswire.store.FeedStore#recordPollBehind}); a stop waits for those within its grace.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  /**
   * A poll waiting for its host is tried again when a poll of that host ends, or after this
   * long at the latest (a slot may also be freed by an article page); one handed back to the
   * schedule because too many wait already is due again this much later.
   */
  static final Duration HOST_BUSY_RETRY = Duration.ofSeconds(5);
  /**
   * Claimed sources waiting for a thread, at most, per thread. The larger, the larger a claim's
   * batch can grow while the one before commits: 3 left poll threads idle 53% of their time on
   * a loaded machine, 7 42% (bench/run --jfr, BENCHMARKS.md, issue 16); at 7 a busy 2-core
   * machine still ran out of claimed sources a fifth of the poll threads' time, the claims
   * being round trips that each wait for a core; at 15 a tenth (3,000 sources, JFR), at 31 a
   * twentieth, and a claim's commit waited 0.39 s in 6 instead of 1.05.
   */
  static final int AHEAD = 31;
  /**
   * Free slots, in threads' worth, that make the next claim: a claim costs five round trips and
   * two statements however many rows it takes (at one thread's worth a steady claim took about
   * 35 sources), and 23 threads' worth stay queued while it is on its way.
   */
  static final int CLAIM_BATCH = 8;

  private final ScheduleStore schedule;
  private final Supplier<Map<String, Source>> sources;
  private final Ingester ingester;
  private final SchedulerSettings settings;
  private final String owner;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final ExecutorService redispatch;
  private final ScheduledExecutorService renewer;
  /** Claimed sources running, queued for a thread, or waiting for their host. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final HostQueue<PollTask> waitingForHost;
  private final PollsWriting writes = new PollsWriting();
  private final AtomicBoolean redispatchQueued = new AtomicBoolean();
  private final PollMeters meters;
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
    this.meters = new PollMeters(metrics);
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0,
        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("newswire-poll"));
    this.redispatch = Executors.newSingleThreadExecutor(named("newswire-dispatch"));
    this.renewer = Executors.newSingleThreadScheduledExecutor(named("newswire-lease"));
    this.waitingForHost = new HostQueue<>(capacity());
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
    int free = capacity() - occupied();
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
        // Removed from the config after the row was read: leave it alone. A failed release
        // must not abandon the rest of the batch; the claim expires with its lease.
        try {
          schedule.release(owner, List.of(c.sourceId()), c.dueAt());
        } catch (StoreException e) {
          log.warn("dispatcher: cannot release the claim on removed source {} ({}); it expires"
              + " with its lease", c.sourceId(), e.getMessage());
        }
        continue;
      }
      lag.record(Duration.between(c.dueAt(), now).isNegative() ? Duration.ZERO
          : Duration.between(c.dueAt(), now));
      inFlight.add(s.id());
      pool.execute(new PollTask(s, c.state()));
    }
  }

  private void run(PollTask task) {
    CompletableFuture<PollReport> report;
    try {
      report = ingester.pollUnlessHostBusy(task.source, Optional.of(task.state));
    } catch (RuntimeException e) {
      report = CompletableFuture.failedFuture(e);
    }
    if (report.isDone()) {
      finish(task, report);
      return;
    }
    // Its items are being written: the thread goes on to the next source meanwhile, and the
    // poll ends (its claim kept and renewed until then) on the thread that wrote them.
    writes.started();
    CompletableFuture<PollReport> written = report;
    written.whenComplete((r, e) -> {
      try {
        finish(task, written);
      } finally {
        writes.ended();
      }
    });
  }

  private void finish(PollTask task, CompletableFuture<PollReport> report) {
    Source s = task.source;
    String host = host(s.url());
    boolean busy = false;
    boolean waiting = false;
    try {
      PollReport r = report.join();
      host = host(URI.create(r.url()));
      if (r.outcome() == PollReport.Outcome.HOST_BUSY) {
        busy = true;
        waiting = waitForHost(task, host);
        return;
      }
      meters.polls.get(r.outcome()).increment();
      meters.itemsNew.increment(r.inserted());
      meters.itemsUpdated.increment(r.updated());
      meters.fetchLatency.record(r.fetchTime());
      meters.fetchBytes.increment(r.bytesFetched());
      listener.accept(r);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null
          ? e.getCause() : e;
      log.error("source {} ({}): poll failed unexpectedly; will retry after the lease expires",
          s.id(), org.newswire.model.SecretUrls.redact(s.url()), cause);
    } finally {
      if (!waiting) {
        inFlight.remove(s.id());
        if (!busy) { // this poll's slot on its host is free: the next one waiting takes it
          waitingForHost.next(host).ifPresent(this::resume);
        }
        if (occupied() <= capacity() - CLAIM_BATCH * settings.threads()) { // a batch: claim
          redispatchSoon();
        }
      }
    }
  }

  /**
   * A poll whose host is busy waits off the thread, until a poll of that host ends or
   * {@link #HOST_BUSY_RETRY} passes; when too many wait already it goes back to the schedule.
   * Either way it is no failure. True when it waits here (its claim kept and renewed).
   */
  private boolean waitForHost(PollTask task, String host) {
    meters.hostBusy.increment();
    if (!stopping && waitingForHost.offer(host, task)) {
      try {
        renewer.schedule(() -> {
          if (waitingForHost.remove(host, task)) {
            resume(task);
          }
        }, HOST_BUSY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // stopping: stop() gives the claim back with the other claimed sources
      }
      return true;
    }
    handBack(task.source);
    return false;
  }

  private void resume(PollTask task) {
    if (stopping) {
      return; // still in inFlight: stop() gives its claim back
    }
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // the pool shut down meanwhile: stop() gives the claim back
    }
  }

  /** Claims that need a thread now or soon: those waiting for their host do not. */
  private int occupied() {
    return inFlight.size() - waitingForHost.size();
  }

  /** Host names as the fetcher's per-host limit counts them. */
  private static String host(URI url) {
    String h = url.getHost();
    return h == null ? "" : h.toLowerCase(java.util.Locale.ROOT);
  }

  /** A source whose host was busy goes back to the schedule, due again shortly; not a failure. */
  private void handBack(Source s) {
    try {
      schedule.postpone(owner, s.id(), clock.instant().plus(HOST_BUSY_RETRY));
    } catch (StoreException e) {
      log.warn("source {} ({}): host busy and the claim cannot be handed back ({}); polled again"
          + " when the lease ends", s.id(), org.newswire.model.SecretUrls.redact(s.url()), e.getMessage());
    }
  }

  /** Polls running plus claimed ones waiting for a thread. */
  private int capacity() {
    return (1 + AHEAD) * settings.threads();
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
      Dispatcher.this.run(this);
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
      // Claimed sources that have not started (queued, or waiting for their host) are given
      // back below with the abandoned ones (they stay in inFlight), so a stop never waits.
      pool.getQueue().drainTo(waiting);
      pool.shutdown();
    }
    redispatch.shutdown();
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} polls still running after {}s; abandoning them",
            inFlight.size() - waiting.size() - waitingForHost.size(), grace.toSeconds());
        pool.shutdownNow();
      }
      int left = writes.awaitNone(deadline);
      if (left > 0) {
        log.warn("{} polls' items still being written after {}s; their claims are given back"
            + " and they are polled again", left, grace.toSeconds());
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    renewer.shutdownNow();
    try {
      schedule.release(owner, Set.copyOf(inFlight), clock.instant());
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
