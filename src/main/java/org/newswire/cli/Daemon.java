package org.newswire.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.newswire.config.ConfigError;
import org.newswire.config.Loaded;
import org.newswire.config.NewswireConfig;
import org.newswire.dedup.StoryMatcher;
import org.newswire.fetch.Fetcher;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.ingest.ArticleFetcher;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.StoryStage;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.publish.Publisher;
import org.newswire.schedule.PollScheduler;
import org.newswire.schedule.RefreshRules;
import org.newswire.search.IndexLockedException;
import org.newswire.search.SearchIndex;
import org.newswire.store.Database;
import org.newswire.store.StoreException;
import org.newswire.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code newswire run}, assembled: database (waited for), fetcher, ingest, scheduler, config
 * watcher — started in that order and stopped in reverse.
 */
final class Daemon {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
  /** Article pages fetched at once (they share the per-host limit with feeds). */
  static final int ARTICLE_THREADS = 2;

  private final NewswireConfig config;
  private final Clock clock;
  private final AtomicReference<List<Source>> sources = new AtomicReference<>(List.of());
  private final AtomicReference<ReloadStatus> reload = new AtomicReference<>();
  final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Database db;
  private Fetcher fetcher;
  private volatile PollScheduler scheduler;
  private SourcesWatcher watcher;
  private volatile WebServer web;
  private Optional<SearchIndex> search = Optional.empty();
  private volatile boolean stopped;

  Daemon(NewswireConfig config, List<Source> initialSources, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.sources.set(initialSources);
    this.reload.set(new ReloadStatus(clock.instant(), true, List.of(), initialSources.size()));
  }

  /**
   * Starts everything; waits for the database as long as it takes (or until stopped). The
   * status endpoints answer from the start: 503 with the reason while the database is not
   * there yet.
   */
  void start(String cluster, String instanceId) throws InterruptedException {
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    db = Database.create(config.db(), true);
    search = openSearch();
    web = new WebServer(new Publisher(db.items(), search, config.http(), sources::get),
        config.http());
    new StatusEndpoints(db, () -> Optional.ofNullable(scheduler), sources::get, reload::get,
        metrics, clock).mount(web);
    web.start();
    if (!connectDatabaseWaiting()) {
      return;
    }
    // Held strongly: the suppliers have no other owner.
    db.poolGauges().forEach((name, value) -> Gauge
        .builder(name, value).strongReference(true).register(metrics));
    search.ifPresent(s -> {
      Gauge.builder("newswire.search.lag", s, SearchIndex::lag)
          .description("item changes stored but not yet searchable").register(metrics);
      Timer latency = Timer.builder("newswire.search.query")
          .description("time to answer a search from the index")
          .publishPercentiles(0.5, 0.99).register(metrics);
      s.onSearch(nanos -> latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
      s.start();
    });
    fetcher = new Fetcher(config.fetch());
    StoryStage stories = new StoryStage(new StoryMatcher(), config.stories().enabled(),
        config.stories().window(), db.stories());
    Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
        new RefreshRules(config.scheduler().maxInterval(), new Random()::nextDouble), clock,
        config.fetch().maxItems(), stories);
    FunctionCounter.builder("newswire.feed.entries.left.out", ingester,
            Ingester::entriesLeftOut)
        .description("entries of changed feeds not parsed again: their text was unchanged")
        .register(metrics);
    PollScheduler polls = new PollScheduler(db.dataSource(), db.schedule(), db.feeds(),
        ingester, config.scheduler(), config.stories().window(), cluster, instanceId, clock,
        metrics);
    polls.apply(sources.get());
    polls.enableArticles(db.articles(), new ArticleFetcher(fetcher,
        new ArticleExtractor(clock), db.articles(), clock, stories), ARTICLE_THREADS);
    polls.onPoll(r -> {
      if (r.inserted() + r.updated() > 0) {
        web.publisher().invalidate();
      }
    });
    polls.start();
    scheduler = polls;
    try {
      watcher = new SourcesWatcher(config.sourcesFile(), this::reload);
      watcher.start();
    } catch (IOException e) {
      log.warn("cannot watch {} for changes ({}); reload with SIGHUP or systemctl reload"
          + " newswire", config.sourcesFile(), e.getMessage());
    }
    log.info("newswire running as {}: {} sources, {} poll threads", instanceId,
        sources.get().stream().filter(Source::enabled).count(), config.scheduler().threads());
  }

  /**
   * The search index, or empty (searches then answer 503) when its directory cannot be used:
   * the feeds are served either way.
   */
  private Optional<SearchIndex> openSearch() {
    try {
      return Optional.of(SearchIndex.open(config.search().dir(), db.changes(), clock));
    } catch (IndexLockedException | java.io.UncheckedIOException e) {
      log.error("search disabled: {}; give this daemon its own search.dir in {}",
          e.getMessage(), config.file());
      return Optional.empty();
    }
  }

  /** False when stopped before the database came. */
  private boolean connectDatabaseWaiting() throws InterruptedException {
    String where = config.db().url().map(SecretUrls::redactIn).orElse("embedded MariaDB in " + config.db().dataDir());
    long waitMillis = 1000;
    for (int attempt = 1; !stopped; attempt++) {
      try {
        db.connect();
        return true;
      } catch (StoreException e) {
        log.warn("database {} not available (attempt {}): {}; retrying in {}s", where, attempt,
            e.getMessage(), waitMillis / 1000);
        Thread.sleep(waitMillis);
        waitMillis = Math.min(waitMillis * 2, 30_000);
      }
    }
    return false;
  }

  /** Re-reads sources.yml; an invalid file is reported and the running config kept. */
  synchronized void reload() {
    Loaded<List<Source>> loaded = Configs.loader().loadSources(config.sourcesFile());
    if (loaded instanceof Loaded.Invalid<List<Source>> bad) {
      for (ConfigError e : bad.errors()) {
        log.error("config: {}", e);
      }
      log.error("reload of {} rejected ({} errors); still running the previous config",
          config.sourcesFile(), bad.errors().size());
      reload.set(new ReloadStatus(clock.instant(), false,
          bad.errors().stream().map(ConfigError::toString).toList(), sources.get().size()));
      return;
    }
    Loaded.Valid<List<Source>> valid = (Loaded.Valid<List<Source>>) loaded;
    valid.warnings().forEach(w -> log.warn("config: {}", w));
    List<Source> next = valid.value();
    try {
      if (scheduler != null) {
        scheduler.apply(next);
      }
    } catch (StoreException e) {
      log.error("reload of {} could not be applied: {}; still running the previous config",
          config.sourcesFile(), e.getMessage());
      reload.set(new ReloadStatus(clock.instant(), false, List.of(e.getMessage()),
          sources.get().size()));
      return;
    }
    log.info("reloaded {}: {} sources ({} enabled)", config.sourcesFile(), next.size(),
        next.stream().filter(Source::enabled).count());
    sources.set(next);
    reload.set(new ReloadStatus(clock.instant(), true, List.of(), next.size()));
  }

  List<Source> sources() {
    return sources.get();
  }

  ReloadStatus reloadStatus() {
    return reload.get();
  }

  Database database() {
    return db;
  }

  WebServer web() {
    return web;
  }

  PollScheduler scheduler() {
    return scheduler;
  }

  /** Stops taking polls, lets running ones finish (bounded), closes in reverse order. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    log.info("stopping: no new polls; waiting up to {}s for running ones",
        SHUTDOWN_GRACE.toSeconds());
    if (db != null) {
      db.stopping();
    }
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        log.debug("closing the config watcher: {}", e.getMessage());
      }
    }
    if (scheduler != null) {
      scheduler.stop(SHUTDOWN_GRACE);
    }
    if (web != null) {
      web.close();
    }
    search.ifPresent(SearchIndex::close);
    if (fetcher != null) {
      fetcher.close();
    }
    if (db != null) {
      db.close();
    }
    log.info("stopped");
  }
}
