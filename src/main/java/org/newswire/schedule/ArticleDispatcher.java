package org.newswire.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.newswire.ingest.ArticleFetcher;
import org.newswire.model.Source;
import org.newswire.store.ArticleJob;
import org.newswire.store.ArticleQueue;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pending article pages on a small pool of their own, so that full-text fetching never
 * takes a thread from feed polling. Claims are leased in the database like sources' claims.
 */
final class ArticleDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ArticleDispatcher.class);
  static final Duration LEASE = Duration.ofMinutes(2);

  private final ArticleQueue queue;
  private final ArticleFetcher fetcher;
  private final Supplier<Map<String, Source>> sources;
  private final Clock clock;
  private final int threads;
  private final ExecutorService pool;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;

  ArticleDispatcher(ArticleQueue queue, ArticleFetcher fetcher,
      Supplier<Map<String, Source>> sources, Clock clock, int threads) {
    this.queue = queue;
    this.fetcher = fetcher;
    this.sources = sources;
    this.clock = clock;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "newswire-article");
      t.setDaemon(true);
      return t;
    });
  }

  synchronized void dispatch() {
    int free = threads - inFlight.get();
    if (stopping || free <= 0) {
      return;
    }
    List<ArticleJob> jobs;
    try {
      jobs = queue.claim(free, clock.instant(), LEASE);
    } catch (StoreException e) {
      log.warn("articles: {}; will try again on the next tick", e.getMessage());
      return;
    }
    Map<String, Source> configured = sources.get();
    for (ArticleJob job : jobs) {
      Source s = configured.get(job.sourceId());
      if (s == null || !s.fulltext()) {
        queue.failed(job, "source " + job.sourceId() + " no longer wants full text",
            java.util.Optional.empty());
        continue;
      }
      inFlight.incrementAndGet();
      pool.execute(() -> {
        try {
          fetcher.process(job, s);
        } catch (RuntimeException e) {
          log.warn("source {}: article of item {} not stored: {}; it is retried after the"
              + " lease", s.id(), job.itemId(), e.getMessage());
        } finally {
          inFlight.decrementAndGet();
        }
      });
    }
  }

  void stop(Duration grace) {
    stopping = true;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
