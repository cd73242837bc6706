package org.newswire.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.newswire.config.FetchSettings;
import org.newswire.dedup.Identities;
import org.newswire.fetch.CacheHints;
import org.newswire.fetch.FetchRequest;
import org.newswire.fetch.FetchResult;
import org.newswire.fetch.Fetcher;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.ingest.PollReport.Outcome;
import org.newswire.model.FinishedItem;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.FeedStore;
import org.newswire.store.PollCounts;
import org.newswire.store.PollWrite;
import org.newswire.store.SourceState;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source through fetch → parse → finish ({@link ItemFinisher}) → store: the only place that knows the
 * order of the stages. A poll's items and the source's new state commit together, so a crash
 * mid-poll leaves the previous state and re-polling repeats the work without duplicates.
 */
public final class Ingester {
  private static final Logger log = LoggerFactory.getLogger(Ingester.class);
  /** A permanent redirect seen on this many consecutive polls becomes the source's URL. */
  static final int REDIRECT_ADOPTION_POLLS = 3;

  private final Fetcher fetcher;
  private final FeedStore store;
  private final RefreshPolicy policy;
  private final Clock clock;
  private final StoryStage stories;
  private final ChangedFeeds feeds;

  public Ingester(Fetcher fetcher, FeedParser parser, FeedStore store,
      RefreshPolicy policy, Clock clock) {
    this(fetcher, parser, store, policy, clock, FetchSettings.defaults().maxItems());
  }

  /** @param maxItems entries of one feed a poll stores at most, the newest ones */
  public Ingester(Fetcher fetcher, FeedParser parser, FeedStore store,
      RefreshPolicy policy, Clock clock, int maxItems) {
    this(fetcher, parser, store, policy, clock, maxItems, StoryStage.off());
  }

  /** @param stories how new items are placed in stories */
  public Ingester(Fetcher fetcher, FeedParser parser, FeedStore store,
      RefreshPolicy policy, Clock clock, int maxItems, StoryStage stories) {
    this.stories = stories;
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be positive: " + maxItems);
    }
    this.fetcher = fetcher;
    this.feeds = new ChangedFeeds(parser, store, new ItemFinisher(new ArticleExtractor(clock)),
        maxItems);
    this.store = store;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Entries of changed feeds not read again because their text was what the last read of the
   * feed held (and the store agreed), since start.
   */
  public long entriesLeftOut() {
    return feeds.entriesLeftOut();
  }

  /** Reads that left entries out and had to read the feed whole after all, since start. */
  long rereads() {
    return feeds.rereads();
  }

  /** Polls {@code source} once. Never throws for bad feeds or a database outage: see the report. */
  public PollReport poll(Source source) {
    Optional<SourceState> stored;
    try {
      stored = store.state(source.id());
    } catch (StoreException e) {
      return logged(source, failedBeforeWrite(source, "database unavailable: " + e.getMessage()));
    }
    return doneNow(poll(source, stored, true));
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /** An interactive poll's report, done already: what it threw is thrown as it was. */
  private static PollReport doneNow(CompletableFuture<PollReport> report) {
    try {
      return report.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Polls {@code source} once, given its stored state (read with its claim, so a poll costs no
   * extra read), unless its host is busy: then the report says {@link Outcome#HOST_BUSY} at
   * once and nothing is written, so that the scheduler's thread is free for other hosts. The
   * caller's thread does not wait for the database: a poll that stores no items is done before
   * its state is committed ({@link FeedStore#saveStateBehind}: the claim holds until then), and
   * one that does returns a report that completes once its items are written and placed
   * ({@link FeedStore#recordPollBehind}), on the store's thread. Never fails for bad feeds or a
   * database outage: see the report.
   */
  public CompletableFuture<PollReport> pollUnlessHostBusy(Source source,
      Optional<SourceState> stored) {
    return poll(source, stored, false);
  }

  /** @param interactive waits for a busy host and for the state's commit (not a claimed poll) */
  private CompletableFuture<PollReport> poll(Source source, Optional<SourceState> stored,
      boolean interactive) {
    Instant now = clock.instant();
    SourceState prev = stored
        // A URL edited in sources.yml starts over: old validators belong to the old URL.
        .filter(s -> s.url().equals(source.url().toString()))
        .orElse(SourceState.fresh(source.id(), source.url().toString()));
    URI target = adoptedRedirect(prev).orElse(source.url());
    boolean sameTarget = target.toString().equals(prev.redirectCount() >= REDIRECT_ADOPTION_POLLS
        ? prev.redirectUrl().orElse("") : prev.url());
    FetchRequest request = sameTarget
        ? new FetchRequest(target, prev.etag(), prev.lastModified())
        : FetchRequest.of(target);
    long started = System.nanoTime();
    FetchResult result = interactive ? fetcher.fetch(request) : fetcher.fetchIfHostFree(request);
    Duration fetchTime = Duration.ofNanos(System.nanoTime() - started);
    long bytes = result instanceof FetchResult.Fetched f ? f.body().length : 0;
    // A source never polled has no items or tombstones yet: no need to look them up.
    boolean mayHaveItems = stored.flatMap(SourceState::lastPollAt).isPresent();
    Poll poll = new Poll(source, prev, target, now, fetchTime, bytes, mayHaveItems, interactive);
    return poll.handle(result).thenApply(r -> logged(source, r));
  }

  /**
   * Stores a feed body obtained elsewhere, exactly as a poll that fetched it would (parse,
   * clean, finish, stories, store): {@code newswire stories} runs items through here.
   */
  public PollReport ingest(Source source, FetchResult.Fetched body) {
    Optional<SourceState> stored;
    try {
      stored = store.state(source.id());
    } catch (StoreException e) {
      return logged(source, failedBeforeWrite(source, "database unavailable: " + e.getMessage()));
    }
    SourceState prev = stored.orElse(SourceState.fresh(source.id(), source.url().toString()));
    Poll poll = new Poll(source, prev, source.url(), clock.instant(), Duration.ZERO,
        body.body().length, stored.flatMap(SourceState::lastPollAt).isPresent(), true);
    return logged(source, doneNow(poll.handle(body)));
  }

  private static Optional<URI> adoptedRedirect(SourceState s) {
    return s.redirectCount() >= REDIRECT_ADOPTION_POLLS
        ? s.redirectUrl().map(URI::create) : Optional.empty();
  }

  private static PollReport failedBeforeWrite(Source source, String error) {
    return new PollReport(source.id(), source.url().toString(), Outcome.FAILED, Optional.empty(),
        0, 0, Optional.of(error), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Duration.ZERO, 0);
  }

  private PollReport logged(Source source, PollReport r) {
    String where = "source " + source.id() + " (" + r.url() + ")";
    switch (r.outcome()) {
      case FAILED, RATE_LIMITED -> log.warn("{}: {}; will retry", where,
          r.error().orElse(r.outcome().label()));
      case HOST_BUSY -> log.debug("{}: host busy; handed back to the schedule", where);
      default -> {
        if (r.inserted() > 0 || r.updated() > 0) {
          log.info("{}: {} new, {} updated", where, r.inserted(), r.updated());
        } else {
          log.debug("{}: nothing new ({})", where, r.outcome().label());
        }
      }
    }
    return r;
  }

  /** One poll in progress: the source, its previous state, and the time it started. */
  private final class Poll {
    private final Source source;
    private final SourceState prev;
    private final URI target;
    private final Instant now;
    private final Duration fetchTime;
    private final long bytes;
    private final boolean mayHaveItems;
    private final boolean interactive;

    Poll(Source source, SourceState prev, URI target, Instant now, Duration fetchTime,
        long bytes, boolean mayHaveItems, boolean interactive) {
      this.interactive = interactive;
      this.source = source;
      this.prev = prev;
      this.target = target;
      this.now = now;
      this.fetchTime = fetchTime;
      this.bytes = bytes;
      this.mayHaveItems = mayHaveItems;
    }

    /** Done already unless the poll writes items and is not interactive. */
    CompletableFuture<PollReport> handle(FetchResult result) {
      if (result instanceof FetchResult.Fetched f) {
        return fetched(f);
      }
      return done(handleWithoutBody(result));
    }

    private PollReport handleWithoutBody(FetchResult result) {
      if (result instanceof FetchResult.HostBusy) {
        return report(Outcome.HOST_BUSY, Optional.empty(), null, CacheHints.none(),
            Optional.empty(), Optional.empty());
      }
      if (result instanceof FetchResult.NotModified nm) {
        return saveOnly(report(Outcome.NOT_MODIFIED, Optional.of(304), null, nm.cacheHints(),
            Optional.empty(), Optional.empty()), nm.etag().or(prev::etag),
            nm.lastModified().or(prev::lastModified), prev.bodyHash(), redirect(Optional.empty()));
      }
      if (result instanceof FetchResult.RateLimited rl) {
        return saveOnly(report(Outcome.RATE_LIMITED, Optional.of(rl.status()),
            "HTTP " + rl.status() + rl.retryAfter().map(t -> ", Retry-After " + t).orElse(""),
            CacheHints.none(), Optional.empty(), rl.retryAfter()),
            prev.etag(), prev.lastModified(), prev.bodyHash(), keepRedirect());
      }
      FetchResult.Failed f = (FetchResult.Failed) result;
      return saveOnly(report(Outcome.FAILED,
          f.status().isPresent() ? Optional.of(f.status().getAsInt()) : Optional.empty(),
          f.reason(), CacheHints.none(), Optional.empty(), Optional.empty()),
          prev.etag(), prev.lastModified(), prev.bodyHash(), keepRedirect());
    }

    private CompletableFuture<PollReport> fetched(FetchResult.Fetched f) {
      Redirect redirect = redirect(f.permanentRedirect());
      String bodyHash = Identities.sha256(f.body());
      if (prev.bodyHash().filter(bodyHash::equals).isPresent()) {
        return done(saveOnly(report(Outcome.UNCHANGED, Optional.of(f.status()), null,
            f.cacheHints(), Optional.empty(), Optional.empty()), f.etag(), f.lastModified(),
            Optional.of(bodyHash), redirect));
      }
      ChangedFeeds.Outcome outcome;
      try {
        outcome = feeds.read(source, f, now, mayHaveItems, prev.bodyHash(), bodyHash);
      } catch (StoreException e) {
        return done(failedBeforeWrite(source, "database unavailable: " + e.getMessage()));
      }
      if (outcome instanceof ChangedFeeds.Unreadable u) {
        // No validators and no body hash: the next poll fetches and parses in full again.
        return done(saveOnly(report(Outcome.FAILED, Optional.of(f.status()),
            "unreadable feed: " + u.reason(), f.cacheHints(), Optional.empty(),
            Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty(), redirect));
      }
      ChangedFeeds.Read read = (ChangedFeeds.Read) outcome;
      Optional<Duration> ttl = read.feed().feed().ttl();
      List<FinishedItem> items = read.items();
      PollReport report = report(Outcome.FETCHED, Optional.of(f.status()), null,
          f.cacheHints(), ttl, Optional.empty());
      SourceState state = nextState(report, f.etag(), f.lastModified(), Optional.of(bodyHash),
          redirect, !items.isEmpty());
      CompletableFuture<PollCounts> written;
      try {
        PollWrite write = stories.pollWrite(source, state, items, now);
        write = read.known().map(write::withKnown).orElse(write);
        written = interactive ? done(store.recordPoll(write)) : store.recordPollBehind(write);
      } catch (StoreException e) {
        written = CompletableFuture.failedFuture(e);
      }
      return written.handle((counts, e) -> {
        if (e == null) {
          read.stored();
          return withCounts(report, counts);
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null
            ? e.getCause() : e;
        if (!(cause instanceof StoreException)) {
          throw e instanceof CompletionException c ? c : new CompletionException(cause);
        }
        // Nothing of the poll was written. Record it as a failure with the server's reason,
        // so it shows in /api/sources and backs off; the old validators and body hash stay,
        // so the next poll fetches and stores the items again. If the database is really
        // gone, this save fails too and the report says so.
        return saveOnly(report(Outcome.FAILED, Optional.of(f.status()), cause.getMessage(),
            f.cacheHints(), ttl,
            Optional.empty()), prev.etag(), prev.lastModified(), prev.bodyHash(), redirect);
      });
    }

    private PollReport report(Outcome outcome, Optional<Integer> status, String error,
        CacheHints hints, Optional<Duration> ttl, Optional<Instant> retryAfter) {
      return new PollReport(source.id(), target.toString(), outcome, status, 0, 0,
          Optional.ofNullable(error), ttl, hints.maxAge(), hints.expires(), retryAfter,
          fetchTime, bytes);
    }

    private PollReport withCounts(PollReport r, PollCounts c) {
      return new PollReport(r.sourceId(), r.url(), r.outcome(), r.httpStatus(), c.inserted(),
          c.updated(), r.error(), r.ttl(), r.maxAge(), r.expires(), r.retryAfter(),
          r.fetchTime(), r.bytesFetched());
    }

    private PollReport saveOnly(PollReport report, Optional<String> etag,
        Optional<String> lastModified, Optional<String> bodyHash, Redirect redirect) {
      try {
        SourceState next = nextState(report, etag, lastModified, bodyHash, redirect, false);
        if (interactive) {
          store.saveState(next);
        } else {
          store.saveStateBehind(next);
        }
        return report;
      } catch (StoreException e) {
        return failedBeforeWrite(source, "database unavailable: " + e.getMessage());
      }
    }

    private SourceState nextState(PollReport report, Optional<String> etag,
        Optional<String> lastModified, Optional<String> bodyHash, Redirect redirect,
        boolean foundNew) {
      boolean failed = report.outcome().isFailure();
      int failures = failed ? prev.consecutiveFailures() + 1 : 0;
      int quiet = failed ? prev.quietPolls() : foundNew ? 0 : prev.quietPolls() + 1;
      Instant next = policy.nextPoll(source, report, failures, quiet, now);
      return new SourceState(source.id(), source.url().toString(), etag, lastModified, bodyHash,
          redirect.url(), redirect.count(), Optional.of(now),
          failed ? prev.lastSuccessAt() : Optional.of(now), Optional.of(report.outcome().label()),
          report.httpStatus(), report.error(), 0, 0, failures,
          failed ? prev.failingSince().or(() -> Optional.of(now)) : Optional.empty(),
          Optional.of(next), quiet);
    }

    private Redirect keepRedirect() {
      return new Redirect(prev.redirectUrl(), prev.redirectCount());
    }

    /** Counts consecutive polls that ended in the same permanent redirect. */
    private Redirect redirect(Optional<URI> permanent) {
      if (prev.redirectCount() >= REDIRECT_ADOPTION_POLLS && permanent.isEmpty()) {
        return keepRedirect(); // already polling the adopted URL
      }
      if (permanent.isEmpty()) {
        return new Redirect(Optional.empty(), 0);
      }
      String to = permanent.get().toString();
      int count = prev.redirectUrl().filter(to::equals).isPresent() ? prev.redirectCount() + 1 : 1;
      if (count == REDIRECT_ADOPTION_POLLS) {
        log.info("source {} ({}): permanently redirected to {} on {} polls in a row; polling the"
            + " new URL from now on (update sources.yml to make it stick)", source.id(),
            SecretUrls.redact(source.url()), SecretUrls.redact(to), count);
      }
      return new Redirect(Optional.of(to), count);
    }
  }

  private record Redirect(Optional<String> url, int count) {}
}
