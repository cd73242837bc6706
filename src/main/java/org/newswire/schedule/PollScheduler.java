package org.newswire.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.newswire.config.SchedulerSettings;
import org.newswire.ingest.ArticleFetcher;
import org.newswire.ingest.Ingester;
import org.newswire.model.Source;
import org.newswire.store.ArticleQueue;
import org.newswire.store.FeedStore;
import org.newswire.store.ScheduleStore;
import org.newswire.store.StoreException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code newswire run} schedules: every enabled source polled on time by a bounded pool,
 * retention once a day, all coordinated through the database so that several processes can
 * share the work.
 */
public final class PollScheduler {
  private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
  private static final int RETENTION_BATCH = 1000;
  private static final Duration TOMBSTONE_KEEP = Duration.ofDays(365);

  private final ScheduleStore schedule;
  private final FeedStore feeds;
  private final SchedulerSettings settings;
  private final Duration storyWindow;
  private final Clock clock;
  private final AtomicReference<Map<String, Source>> sources = new AtomicReference<>(Map.of());
  private final Dispatcher dispatcher;
  private volatile ArticleDispatcher articles;
  private final QuartzJobs quartz;

  /**
   * @param cluster Quartz's scheduler name, shared by every process of one installation
   * @param instanceId this process's name in the cluster and on its claims
   * @param storyWindow {@code stories.window}: retention drops the story index rows of items
   *     seen before it
   */
  public PollScheduler(DataSource dataSource, ScheduleStore schedule, FeedStore feeds,
      Ingester ingester, SchedulerSettings settings, Duration storyWindow, String cluster,
      String instanceId, Clock clock, MeterRegistry metrics) {
    this.schedule = schedule;
    this.storyWindow = storyWindow;
    this.feeds = feeds;
    this.settings = settings;
    this.clock = clock;
    this.dispatcher = new Dispatcher(schedule, sources::get, ingester, settings, instanceId,
        clock, metrics);
    try {
      this.quartz = QuartzJobs.create(dataSource, cluster, instanceId, settings.tick().toMillis(),
          this::tick, this::retention);
    } catch (SchedulerException e) {
      throw new StoreException("cannot set up Quartz: " + e.getMessage(), e);
    }
  }

  /** A name for this process that is unique across hosts and restarts. */
  public static String defaultInstanceId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid() + "-"
        + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
  }

  /**
   * Makes {@code configured} the sources to poll: new ones become due now, removed or disabled
   * ones stop (their items stay), changed intervals apply from now.
   */
  public void apply(List<Source> configured) {
    Map<String, Source> byId = new LinkedHashMap<>();
    configured.stream().filter(Source::enabled).forEach(s -> byId.put(s.id(), s));
    Map<String, Duration> intervals = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    byId.values().forEach(s -> {
      intervals.put(s.id(), s.interval());
      urls.put(s.id(), s.url().toString());
    });
    schedule.sync(intervals, urls, clock.instant());
    sources.set(Map.copyOf(byId));
  }

  /**
   * Fetches the article pages of new items of full-text sources on {@code threads} threads of
   * their own, driven by the same tick as polling.
   */
  public void enableArticles(ArticleQueue queue, ArticleFetcher fetcher, int threads) {
    articles = new ArticleDispatcher(queue, fetcher, sources::get, clock, threads);
  }

  private void tick() {
    dispatcher.dispatch();
    ArticleDispatcher a = articles;
    if (a != null) {
      a.dispatch();
    }
  }

  /** Called after every poll (the web side drops cached feeds when items landed). */
  public void onPoll(java.util.function.Consumer<org.newswire.ingest.PollReport> listener) {
    dispatcher.onPoll(listener);
  }

  public void start() {
    dispatcher.start();
    try {
      quartz.start();
    } catch (SchedulerException e) {
      throw new StoreException("cannot start Quartz: " + e.getMessage(), e);
    }
  }

  /** True while Quartz fires and the dispatcher takes polls. */
  public boolean isRunning() {
    return quartz.isRunning();
  }

  public int pollsInFlight() {
    return dispatcher.inFlight();
  }

  public Instant lastDispatch() {
    return dispatcher.lastDispatch();
  }

  /** Runs the retention pass now (the daily job calls this). */
  public void retention() {
    Instant now = clock.instant();
    try {
      // The story index keeps only the window: cheap look-ups however large the archive.
      int pruned = feeds.pruneStoryIndex(now, storyWindow);
      log.debug("retention: {} story index rows past their window pruned", pruned);
      feeds.storyIndexFit().warning(storyWindow).ifPresent(w -> log.warn("retention: {}", w));
    } catch (StoreException e) {
      log.warn("retention: {}; will run again tomorrow", e.getMessage());
    }
    if (settings.retentionDays() == 0) {
      return;
    }
    Instant cutoff = now.minus(Duration.ofDays(settings.retentionDays()));
    try {
      int total = 0;
      for (int n; (n = feeds.deleteOlderThan(cutoff, RETENTION_BATCH, now)) > 0; ) {
        total += n;
      }
      int pruned = feeds.pruneTombstones(now.minus(TOMBSTONE_KEEP));
      log.info("retention: deleted {} items published before {} ({} old tombstones pruned)",
          total, cutoff, pruned);
    } catch (StoreException e) {
      log.warn("retention: {}; will run again tomorrow", e.getMessage());
    }
  }

  /** Stops taking polls, lets running ones finish within {@code grace}, stops Quartz. */
  public void stop(Duration grace) {
    quartz.shutdown();
    dispatcher.stop(grace);
    ArticleDispatcher a = articles;
    if (a != null) {
      a.stop(Duration.ofSeconds(5));
    }
  }
}
