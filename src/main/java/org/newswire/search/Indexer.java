package org.newswire.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.SearcherManager;
import org.newswire.store.ItemChanges;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the index: a full build from the items when the index is missing,
 * of another version or older than the change log, then a loop that applies the change log.
 *
 * <p>A change's seq is given when its transaction writes it, not when it commits, so a reader
 * can see seq 11 before seq 10 commits. A seq skipped over is therefore kept as pending and
 * asked for again until it appears or a transaction could no longer be open ({@link
 * #GAP_WAIT}: it was rolled back). The position saved in the index is below the oldest pending
 * seq, so a restart asks again too; re-applying a change is harmless.
 */
final class Indexer {
  private static final Logger log = LoggerFactory.getLogger(Indexer.class);
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration GAP_WAIT = Duration.ofSeconds(60);
  /**
   * While changes keep coming, the index commits this often. A commit flushes what was written
   * as a segment, and small segments are merged again and again: with no search (no refresh), a
   * commit every 450 items cost 252–351 µs of CPU per item indexed, every 1,800 items 185, every
   * 7,200 items 149–154 ({@code RefreshSpeed}, BENCHMARKS.md). What a commit buys is a shorter
   * replay after a crash: the index asks the change log again for what came after its last
   * commit, a minute of items at most.
   */
  static final Duration COMMIT_EVERY = Duration.ofSeconds(60);
  /**
   * Once no change has come for this long, what was written is committed at once: the end of a
   * burst (a cold start, a large feed) is not left in memory, to be flushed later among other
   * work, for up to {@link #COMMIT_EVERY}.
   */
  static final Duration COMMIT_WHEN_QUIET = Duration.ofSeconds(2);
  /**
   * New changes become searchable at most this often. Each refresh writes the changes since
   * the last one as a new segment, and segments are merged; a refresh per round (every few
   * milliseconds while polls store items) made Lucene's merges a third of the daemon's CPU in
   * steady polling, and invalidated the merged feed's cache as often.
   */
  static final Duration REFRESH_EVERY = Duration.ofMillis(500);
  /**
   * With no search for this long the index is search-idle: the periodic refresh stops and the
   * next search refreshes first, so it still sees every change written (as Elasticsearch's
   * search-idle shards do). Each refresh writes a segment of the few items since the last one,
   * merged again later: at 45 items per refresh that cost 590 µs of CPU per item indexed, at
   * 450 (a segment per commit) 216–242 µs ({@code RefreshSpeed}, BENCHMARKS.md).
   */
  static final Duration SEARCH_IDLE_AFTER = Duration.ofSeconds(30);
  /** Log rows older than this are pruned; an index stopped longer than that is rebuilt. */
  static final Duration KEEP_CHANGES = Duration.ofDays(7);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);
  private static final int BATCH = 2_000;
  /** Changes before a rebuild's start that are replayed: transactions open while it began. */
  private static final long REPLAY = 1_000;
  /** A gap wider than this is not tracked seq by seq (a pruned log; a restarted counter). */
  private static final long MAX_GAP = 10_000;

  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ItemChanges changes;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final TreeMap<Long, Instant> pending = new TreeMap<>();
  private volatile boolean ready;
  private volatile long built;
  private volatile long applied;
  /** Every change up to this seq is in the writer (searchable after the next refresh). */
  private volatile long written;
  /** Documents written or deleted so far, and how many of those the last refresh showed. */
  private volatile long writes;
  private volatile long refreshedWrites;
  /** System.nanoTime() of the last search; long ago at first, so the index starts idle. */
  private volatile long lastSearch;
  private final long idleAfterNanos;
  /** Refreshes come from this thread (periodic) and from searches (when one is due). */
  private final Object refreshing = new Object();
  private long highest;
  private Instant lastCommit = Instant.MIN;
  private Instant lastChange = Instant.MIN;
  // System.nanoTime() of the last refresh: the cadence is real time, whatever clock is given.
  private volatile long lastRefresh = System.nanoTime() - REFRESH_EVERY.toNanos();
  private Instant lastPrune = Instant.MIN;
  private boolean dirty;
  /** The version of an index that was found and is being replaced, if any. */
  private final java.util.Optional<String> replaced;
  private final java.util.function.BooleanSupplier stopping;

  /** @param idleAfter {@link #SEARCH_IDLE_AFTER}, or shorter in tests */
  Indexer(IndexWriter writer, SearcherManager searchers, ItemChanges changes, Clock clock,
      java.util.function.BooleanSupplier stopping, java.util.Optional<String> replaced,
      Duration idleAfter) {
    this.idleAfterNanos = idleAfter.toNanos();
    this.lastSearch = System.nanoTime() - idleAfterNanos - 1;
    this.stopping = stopping;
    this.replaced = replaced;
    this.writer = writer;
    this.searchers = searchers;
    this.changes = changes;
    this.clock = clock;
  }

  void onApplied(Runnable r) {
    listeners.add(r);
  }

  boolean ready() {
    return ready;
  }

  /** Items added by a rebuild in progress. */
  long built() {
    return built;
  }

  /** Every change up to this seq is searchable. */
  long applied() {
    return applied;
  }

  /** Every change up to this seq is searchable from the next search on. */
  long written() {
    return written;
  }

  /** Why the index must be built from the items, or empty when it can follow the log. */
  java.util.Optional<String> rebuildReason() {
    Map<String, String> data = userData();
    String version = data.get(IndexSchema.USER_VERSION);
    if (version == null) {
      return java.util.Optional.of(replaced.map(v -> "index version " + v + ", this build writes "
          + IndexSchema.VERSION).orElse("no index yet"));
    }
    if (!version.equals(IndexSchema.VERSION)) {
      return java.util.Optional.of("index version " + version + ", this build writes "
          + IndexSchema.VERSION);
    }
    long seq = Long.parseLong(data.getOrDefault(IndexSchema.USER_SEQ, "0"));
    long oldest = changes.minSeq();
    // Rows after the saved position were pruned: changes were missed. (A transaction rolled
    // back just after it can look the same; a needless rebuild is the safe mistake.)
    if (oldest > seq + 1) {
      return java.util.Optional.of("the change log no longer reaches back to seq " + seq);
    }
    return java.util.Optional.empty();
  }

  private Map<String, String> userData() {
    Map<String, String> m = new java.util.HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> m.put(e.getKey(), e.getValue()));
    }
    return m;
  }

  /** Builds the whole index from the items, then commits; searches see it only then. */
  void rebuild(String why) throws IOException {
    ready = false;
    Instant start = clock.instant();
    log.info("search index: full build from the database ({})", why);
    long from = Math.max(0, changes.maxSeq() - REPLAY);
    writer.deleteAll();
    built = 0;
    long after = 0;
    long reading = 0;
    long t = System.nanoTime();
    for (List<ItemChanges.Indexed> batch = changes.itemsAfter(after, BATCH); !batch.isEmpty();
        batch = changes.itemsAfter(after, BATCH)) {
      reading += System.nanoTime() - t;
      if (stopping.getAsBoolean()) {
        writer.rollback();
        throw new IOException("stopped during a full build; it starts again next time");
      }
      for (ItemChanges.Indexed item : batch) {
        writer.addDocument(IndexSchema.document(item));
      }
      after = batch.get(batch.size() - 1).id();
      long before = built;
      built += batch.size();
      if (built / 100_000 > before / 100_000) {
        log.info("search index: {} items indexed", built);
      }
      t = System.nanoTime();
    }
    reading += System.nanoTime() - t;
    highest = from;
    written = from;
    applied = from;
    pending.clear();
    commit();
    searchers.maybeRefreshBlocking();
    ready = true;
    log.info("search index: built from {} items in {} s ({} s of it reading the database)",
        built, Duration.between(start, clock.instant()).toSeconds(), reading / 1_000_000_000);
  }

  /** Continues from the position the last commit saved. */
  void resume() throws IOException {
    long seq = Long.parseLong(userData().getOrDefault(IndexSchema.USER_SEQ, "0"));
    highest = seq;
    written = seq;
    applied = seq;
    searchers.maybeRefreshBlocking();
    ready = true;
  }

  /**
   * One round: reads and applies new changes; returns whether it read a full batch (more are
   * waiting: the next round should follow at once). Fewer mean the index has caught up, and
   * the caller waits a little before the next round, so changes are taken in a few rounds a
   * second rather than one round per committed poll.
   */
  boolean followOnce() throws IOException {
    Instant now = clock.instant();
    // First: what the last round wrote becomes searchable even when this round's reads fail.
    refreshIfDue();
    List<ItemChanges.Change> found = new ArrayList<>(changes.bySeq(pending.keySet()));
    List<ItemChanges.Change> fresh = changes.after(highest, BATCH);
    List<ItemChanges.Change> all = new ArrayList<>(found);
    all.addAll(fresh);
    if (!all.isEmpty()) {
      Set<Long> ids = new LinkedHashSet<>();
      all.forEach(c -> ids.add(c.itemId()));
      try {
        apply(ids);
      } catch (StoreException e) {
        throw e; // the database: nothing is taken, the next round reads these again
      } catch (RuntimeException e) {
        // Not the database but these items (a document this build cannot make): retrying
        // would stop the index here for good, so they are left out and the rest goes on.
        log.warn("search index: {} changed items could not be indexed ({}); they stay out of"
            + " search until the next full build (newswire reindex)", ids.size(), reason(e));
      }
    }
    // Only now are the changes taken: a round whose reads failed leaves them to the next one.
    found.forEach(c -> pending.remove(c.seq()));
    for (ItemChanges.Change c : fresh) {
      if (c.seq() - highest - 1 <= MAX_GAP) {
        for (long s = highest + 1; s < c.seq(); s++) {
          pending.put(s, now);
        }
      }
      highest = c.seq();
    }
    pending.values().removeIf(since -> since.plus(GAP_WAIT).isBefore(now));
    written = pending.isEmpty() ? highest : pending.firstKey() - 1;
    refreshIfDue();
    if (!all.isEmpty()) {
      lastChange = now;
    }
    boolean quiet = all.isEmpty() && !lastChange.plus(COMMIT_WHEN_QUIET).isAfter(now);
    if (dirty && (quiet || !lastCommit.plus(COMMIT_EVERY).isAfter(now))) {
      commit();
    }
    if (!lastPrune.plus(PRUNE_EVERY).isAfter(now)) {
      lastPrune = now;
      int pruned = changes.prune(now.minus(KEEP_CHANGES));
      log.debug("search index: pruned {} change log rows", pruned);
    }
    return fresh.size() >= BATCH;
  }

  private void apply(Set<Long> ids) throws IOException {
    Set<Long> gone = new LinkedHashSet<>(ids);
    ItemChanges.Found found = changes.items(ids);
    for (ItemChanges.Indexed item : found.placed()) {
      writer.updateDocument(IndexSchema.key(item.id()), IndexSchema.document(item));
      gone.remove(item.id());
    }
    // Not deleted: indexed when its placement's change comes. An item is never waiting again
    // once placed (a re-placement moves it within one transaction), so none is in the index.
    gone.removeAll(found.waiting());
    for (Iterator<Long> it = gone.iterator(); it.hasNext(); ) {
      writer.deleteDocuments(IndexSchema.key(it.next()));
    }
    dirty = true;
    writes++;
  }

  /**
   * Makes what was written searchable, at most every {@link #REFRESH_EVERY} and only while
   * searches come ({@link #SEARCH_IDLE_AFTER}); with nothing new to show, the searchable
   * position just follows.
   */
  private void refreshIfDue() throws IOException {
    long t = System.nanoTime();
    if (writes != refreshedWrites && (t - lastRefresh < REFRESH_EVERY.toNanos()
        || t - lastSearch > idleAfterNanos)) {
      return;
    }
    refresh();
  }

  /**
   * Before a search: when a refresh is due ({@link #behind}: the index was search-idle, or its
   * periodic refresh is late), every change written so far becomes searchable now; and the
   * periodic refresh resumes. A stream of searches refreshes no more often than that cadence.
   * Any thread.
   */
  void searching() throws IOException {
    lastSearch = System.nanoTime();
    if (behind()) {
      refresh();
    }
  }

  /**
   * Whether changes are written that searches do not see yet and a refresh is due (the last
   * one is {@link #REFRESH_EVERY} old): what a search-idle index owes its next search.
   */
  boolean behind() {
    // Not during a full build: searches are refused until it is done and refreshed.
    return ready && writes != refreshedWrites
        && System.nanoTime() - lastRefresh >= REFRESH_EVERY.toNanos();
  }

  /** Makes what was written searchable and tells the listeners. */
  private void refresh() throws IOException {
    synchronized (refreshing) {
      // Read before the refresh: what it shows includes at least these.
      long upTo = written;
      long seen = writes;
      if (seen != refreshedWrites) {
        searchers.maybeRefreshBlocking();
        lastRefresh = System.nanoTime();
        refreshedWrites = seen;
        applied = upTo;
        for (Runnable r : listeners) {
          r.run();
        }
      } else {
        applied = upTo;
      }
    }
  }

  void commit() throws IOException {
    writer.setLiveCommitData(Map.of(IndexSchema.USER_VERSION, IndexSchema.VERSION,
        IndexSchema.USER_SEQ, Long.toString(written)).entrySet());
    writer.commit();
    lastCommit = clock.instant();
    dirty = false;
  }

  /** For the log line of a failed round. */
  static String reason(Exception e) {
    return e instanceof StoreException ? e.getMessage() : e.toString();
  }
}
