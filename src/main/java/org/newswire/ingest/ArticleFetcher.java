package org.newswire.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.newswire.fetch.FetchResult;
import org.newswire.fetch.Fetcher;
import org.newswire.fulltext.Article;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.fulltext.Extraction;
import org.newswire.model.Source;
import org.newswire.store.ArticleJob;
import org.newswire.store.ArticleQueue;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a new item's page and stores its article: the second stage of full-text sources,
 * run apart from polling so that slow agency sites never delay a feed. The page goes through the
 * same fetcher as feeds (limits, address policy, per-host budget). A failure keeps the feed's
 * summary, records why, and is retried a bounded number of times.
 */
public final class ArticleFetcher {
  private static final Logger log = LoggerFactory.getLogger(ArticleFetcher.class);
  static final int MAX_ATTEMPTS = 3;
  static final Duration FIRST_RETRY = Duration.ofMinutes(10);

  private final Fetcher fetcher;
  private final ArticleExtractor extractor;
  private final ArticleQueue queue;
  private final Clock clock;
  private final StoryStage stories;

  public ArticleFetcher(Fetcher fetcher, ArticleExtractor extractor, ArticleQueue queue,
      Clock clock) {
    this(fetcher, extractor, queue, clock, StoryStage.off());
  }

  /** @param stories places an item again once its article text is known */
  public ArticleFetcher(Fetcher fetcher, ArticleExtractor extractor, ArticleQueue queue,
      Clock clock, StoryStage stories) {
    this.stories = stories;
    this.fetcher = fetcher;
    this.extractor = extractor;
    this.queue = queue;
    this.clock = clock;
  }

  /** Fetches and extracts one claimed page; returns true when the article was stored. */
  public boolean process(ArticleJob job, Source source) {
    Optional<URI> url = job.link().flatMap(ArticleFetcher::uri);
    if (url.isEmpty()) {
      return fail(job, source, "the item has no usable link", false);
    }
    FetchResult r = fetcher.fetchPage(url.get());
    if (r instanceof FetchResult.Failed f) {
      // Worth another try: the network, a timeout, a server error. Not: a 404, a refused
      // address, a page over the size limit.
      boolean retry = switch (f.kind()) {
        case NETWORK, TIMEOUT -> true;
        case HTTP_STATUS -> f.status().orElse(500) >= 500 || f.status().orElse(0) == 408;
        default -> false;
      };
      return fail(job, source, f.reason(), retry);
    }
    if (r instanceof FetchResult.RateLimited rl) {
      return fail(job, source, "HTTP " + rl.status() + " (rate limited)", true);
    }
    if (!(r instanceof FetchResult.Fetched page)) {
      return fail(job, source, "unexpected answer " + r.getClass().getSimpleName(), true);
    }
    Extraction x = extractor.extract(page.body(), page.contentType(),
        page.finalUrl().toString(), source.extract());
    if (x instanceof Extraction.Failed f) {
      return fail(job, source, f.reason() + " at " + page.finalUrl(), false);
    }
    Article a = ((Extraction.Extracted) x).article();
    // Finished like a polled item's text (sanitized once, dateline, publication time); then
    // the item's story evidence from its final text places it again.
    queue.done(job, ItemFinisher.finishArticle(a, source.timezone()), clock.instant());
    try {
      stories.articleArrived(job.itemId(), source, a.contentText(), clock.instant());
    } catch (StoreException e) {
      // The article is stored; the item keeps the story its feed text gave it.
      log.warn("source {}: item {} not placed again in a story after its article: {}",
          source.id(), job.itemId(), e.getMessage());
    }
    log.debug("source {}: article of item {} extracted ({}) from {}", source.id(), job.itemId(),
        a.method().label(), page.finalUrl());
    return true;
  }

  private boolean fail(ArticleJob job, Source source, String reason, boolean transientError) {
    int attempt = job.attempts() + 1;
    Optional<Instant> retryAt = transientError && attempt < MAX_ATTEMPTS
        ? Optional.of(clock.instant().plus(FIRST_RETRY.multipliedBy(1L << (attempt - 1))))
        : Optional.empty();
    queue.failed(job, reason, retryAt);
    log.info("source {}: no article for item {} ({}): {}; {}", source.id(), job.itemId(),
        job.link().orElse("no link"), reason, retryAt.map(t -> "retrying at " + t)
            .orElse("keeping the feed's summary"));
    return false;
  }

  private static Optional<URI> uri(String s) {
    try {
      return Optional.of(URI.create(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
