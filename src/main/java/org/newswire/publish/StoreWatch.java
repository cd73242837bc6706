package org.newswire.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.newswire.store.ItemQueries;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's view of the store: whether it changed since the last look (its {@link
 * ItemQueries#latestChange() latest change}, asked at most once per interval by one request
 * while the others keep serving the cache), which sources have items, and whether it is down.
 * A change calls {@code onChange} (the publisher drops its cache). Thread-safe.
 */
final class StoreWatch {
  private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);
  /** How long a request sent to run a due change check holds the claim (see {@link #claim}). */
  private static final Duration CHECK_HANDOFF = Duration.ofSeconds(5);

  /** What a request's {@link #check} found. */
  enum Check { SKIPPED, OK, FAILED }

  private final ItemQueries items;
  private final Clock clock;
  private final Duration interval;
  private final Runnable onChange;
  /** When this publisher began: the age of an empty feed from a store that never changed. */
  private final Instant started;
  /** Set when the store last failed us, cleared when it answers again. */
  private volatile boolean down;
  private final AtomicBoolean checking = new AtomicBoolean();
  /** When a request was last sent to render() to run a due check; MIN once it has run. */
  private final AtomicReference<Instant> checkSent = new AtomicReference<>(Instant.MIN);
  private volatile Instant nextCheck = Instant.MIN;
  private volatile Optional<ItemQueries.Change> lastChange = Optional.empty();
  /** Ids of the sources with stored items, read again when the store changes. */
  private volatile Set<String> storedSources = Set.of();

  StoreWatch(ItemQueries items, Clock clock, Duration interval, Runnable onChange) {
    this.items = items;
    this.clock = clock;
    this.interval = interval;
    this.onChange = onChange;
    this.started = clock.instant();
  }

  /**
   * True for the one request that is to carry a due change check to the publisher's render.
   * Renders wait their turn (the server queues them), so the claim lapses after {@link
   * #CHECK_HANDOFF}: if the request that took it has not run the check by then (still queued,
   * or turned away), the next one takes it.
   */
  boolean claim() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck) || checking.get()) {
      return false;
    }
    Instant sent = checkSent.get();
    return !now.isBefore(sent.plus(CHECK_HANDOFF)) && checkSent.compareAndSet(sent, now);
  }

  /** At most one caller per interval asks the store; the others keep serving the cache. */
  Check check() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck) || !checking.compareAndSet(false, true)) {
      return Check.SKIPPED;
    }
    checkSent.set(Instant.MIN);
    try {
      ItemQueries.Change change = items.latestChange();
      if (!lastChange.equals(Optional.of(change))) {
        storedSources = items.sourceIdsWithItems();
        lastChange = Optional.of(change);
        onChange.run();
      }
      down = false;
      return Check.OK;
    } catch (StoreException e) {
      // Serve what is cached while the database is away; the next check tries again.
      down = true;
      log.warn("cannot check the store for new items: {}; serving cached copies", e.getMessage());
      return Check.FAILED;
    } finally {
      nextCheck = now.plus(interval);
      checking.set(false);
    }
  }

  /**
   * Whether a request should answer from what is cached: the store just failed it, or failed
   * before and another request is finding out whether it is back.
   */
  boolean unreachable(Check check) {
    return check == Check.FAILED || down && check != Check.OK;
  }

  /** The store failed a read: requests answer from the cache until a check succeeds. */
  void failed() {
    down = true;
  }

  boolean down() {
    return down;
  }

  Set<String> storedSources() {
    return storedSources;
  }

  /**
   * An empty page's {@code updated} (RFC 4287 §4.2.15 requires one): the store's last change,
   * an item stored or deleted, which is when the page last could have changed; the publisher's
   * start when the store has never changed (or cannot say). Never the epoch, which readers show
   * as 1970; and fixed while nothing changes, so the ETag is too.
   */
  Instant emptySince() {
    return lastChange.flatMap(c -> c.maxUpdated().map(u -> c.maxDeleted()
            .filter(d -> d.isAfter(u)).orElse(u)).or(c::maxDeleted))
        .orElse(started);
  }
}
