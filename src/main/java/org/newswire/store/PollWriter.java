package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.newswire.model.FinishedItem;
import org.newswire.store.generated.tables.records.ItemRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write of polls that read a changed feed ({@link FeedStore#recordPoll}): new items
 * inserted, edited ones updated, new ones queued for stories and the source's state saved, all
 * of a poll in one transaction, then its queued items placed. Concurrent polls' writes are
 * combined ({@link Combined}): the polls that finish while the writes run ({@link #LANES} at
 * once) share the next transaction, with one multi-row statement per table for all of them,
 * and one placement. Scheduled polls hand their write over and go on ({@link #writeBehind}):
 * the writes run on threads of their own.
 * A changed steady poll's own transaction was about ten statements, a commit and two
 * autocommit toggles for two items, most of what MariaDB spent on steady polling. A combined
 * write that fails is written again poll by poll, so that one poll's bad row fails that poll
 * alone; either all of a poll lands or none of it does. Thread-safe.
 */
final class PollWriter {
  private static final Logger log = LoggerFactory.getLogger(PollWriter.class);
  /** Items in one combined write at most: a cold start's polls of 50 are written a few at once. */
  static final int MAX_ITEMS = 500;

  private static final List<Field<?>> ITEM_COLUMNS = List.of(ITEM.SOURCE_ID, ITEM.IDENTITY_HASH,
      ITEM.IDENTITY_KIND, ITEM.GUID, ITEM.LINK, ITEM.CANONICAL_URL, ITEM.CANONICAL_URL_HASH,
      ITEM.TITLE, ITEM.AUTHOR, ITEM.AUTHORS_JSON, ITEM.SUMMARY_HTML, ITEM.SUMMARY_TEXT,
      ITEM.CONTENT_HTML, ITEM.CONTENT_TEXT, ITEM.CATEGORIES_JSON, ITEM.ENCLOSURES_JSON,
      ITEM.COMMENTS, ITEM.IMAGE_URL, ITEM.CONTENT_HASH, ITEM.PUBLISHED_AT,
      ITEM.PUBLISHED_GUESSED, ITEM.FEED_UPDATED_AT, ITEM.FIRST_SEEN_AT, ITEM.ARTICLE_STATUS,
      ITEM.ARTICLE_HTML, ITEM.ARTICLE_TEXT, ITEM.ARTICLE_METHOD, ITEM.DATELINE_PLACE,
      ITEM.DATELINE_AGENCY, ITEM.ARTICLE_NEXT_AT);
  /**
   * What an edit of the feed's entry changes. published_at and first_seen_at stay: an edit is
   * not a new story (RFC 4287 §4.2.9); the article keeps its own state.
   */
  private static final List<Field<?>> ITEM_EDITABLE = List.of(ITEM.TITLE, ITEM.AUTHOR,
      ITEM.AUTHORS_JSON, ITEM.LINK, ITEM.CANONICAL_URL, ITEM.CANONICAL_URL_HASH,
      ITEM.SUMMARY_HTML, ITEM.SUMMARY_TEXT, ITEM.CONTENT_HTML, ITEM.CONTENT_TEXT,
      ITEM.CATEGORIES_JSON, ITEM.ENCLOSURES_JSON, ITEM.COMMENTS, ITEM.IMAGE_URL,
      ITEM.CONTENT_HASH, ITEM.FEED_UPDATED_AT);
  /**
   * Returns the rows it wrote, so the new items' ids need no read of their own; a row another
   * writer inserted first is skipped and not returned (that writer queues it for stories).
   */
  private static final RowStatement ITEM_INSERT = new RowStatement(ITEM_COLUMNS,
      (dsl, rows) -> RowStatement.insert(dsl, ITEM, ITEM_COLUMNS, rows).onDuplicateKeyIgnore()
          .returning(ITEM.SOURCE_ID, ITEM.IDENTITY_HASH, ITEM.ID));

  private final DSLContext dsl;
  private final StatementLimits limits;
  private final CombinedPlacements placements;
  private final LeftOverSweep sweeps = new LeftOverSweep();
  /**
   * Writes going at once: while one commits (the redo log's flush), the others' statements run,
   * and polls wait only when all are taken. At 10,000 sources one lane left the machine 91%
   * busy and two 94.5%; three kept it 95% busy while still sharing most commits (BENCHMARKS.md,
   * twenty-fourth session).
   */
  static final int LANES = 3;

  /**
   * Polls whose write is queued and not yet going, at most: a poll thread that would queue one
   * more waits for room, so that a database slower than the polls slows them down (as when
   * each poll thread waited for its own write) instead of filling the heap. At 10,000 sources
   * 32 let the writes fall up to 0.4 s behind on a busy machine, and the polls' bodies and
   * items lived that much longer (three times the collector's CPU per poll); 8 kept them
   * close (BENCHMARKS.md, twenty-seventh session).
   */
  static final int MAX_QUEUED = 8;
  /**
   * How long a close waits for writes still going: the scheduler has waited for its polls'
   * writes within its own grace already, and systemd's stop timeout (45 s) covers both.
   */
  private static final long CLOSE_WAIT_SECONDS = 5;

  /** The writes' own threads (at most two per lane: one writing, one placing). */
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "newswire-writer");
    t.setDaemon(true);
    return t;
  });
  // The placement is the second stage: the next write does not wait for it.
  private final Combined<PollWrite, Written> combined =
      new Combined<>(this::run, PollWriter::joins, this::place, LANES, threads, MAX_QUEUED);

  PollWriter(DSLContext dsl, StatementLimits limits, CombinedPlacements placements) {
    this.dsl = dsl;
    this.limits = limits;
    this.placements = placements;
  }

  /**
   * Queues one poll's write and returns at once: the future completes with its counts once
   * its items are written and placed, or with the {@link StoreException} that says why
   * nothing of it was written. A poll thread goes on to its next source meanwhile, instead of
   * sitting through the statements and the commit (the largest wait of a steady poll thread,
   * BENCHMARKS.md). Waits only when {@link #MAX_QUEUED} writes are queued already.
   */
  CompletableFuture<PollCounts> writeBehind(PollWrite write) {
    write.state().lastPollAt().orElseThrow(() ->
        new IllegalArgumentException("a poll's state needs lastPollAt"));
    return combined.submit(write).thenApply(w -> {
      if (w.failure().isPresent()) {
        throw w.failure().get();
      }
      return w.counts();
    });
  }

  /**
   * Refuses new writes (their futures fail) and waits a while for those going to end, so that
   * the connections are not closed under them (the scheduler waits for its polls first).
   */
  void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("poll writes still running after {}s at close; their sources are polled again",
            CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the write did for one poll: its counts and queued items, or why it failed. */
  private record Written(PollCounts counts, List<StoryPlacer.Pending> queued,
      Optional<RuntimeException> failure) {}

  /** One poll's items split by what the store held under their identities. */
  private record Split(PollWrite write, Instant now, List<FinishedItem> fresh,
      List<FinishedItem> edited) {
    String sourceId() {
      return write.state().sourceId();
    }
  }

  /**
   * Writes one poll, alone or with the polls finishing at the same moment, and places its new
   * items; returns once both are done. Throws a {@link StoreException} when nothing of the
   * poll was written; a failed placement is logged (a later placement takes the items).
   */
  PollCounts write(PollWrite write) {
    write.state().lastPollAt().orElseThrow(() ->
        new IllegalArgumentException("a poll's state needs lastPollAt"));
    Written w = combined.call(write);
    if (w.failure().isPresent()) {
      throw w.failure().get();
    }
    return w.counts();
  }

  /** Polls waiting for a write (tests). */
  int waiting() {
    return combined.waiting();
  }

  /** A source's polls are written one after another, never two in one transaction. */
  private static boolean joins(List<PollWrite> batch, PollWrite next) {
    int items = next.items().size();
    for (PollWrite w : batch) {
      if (w.state().sourceId().equals(next.state().sourceId())) {
        return false;
      }
      items += w.items().size();
    }
    return items <= MAX_ITEMS;
  }

  private List<Written> run(List<PollWrite> polls) {
    List<Written> written;
    try {
      written = store(polls);
    } catch (RuntimeException e) {
      if (polls.size() == 1 || Transactions.isConnectionLost(e)) {
        // Alone again, each would wait for a connection in turn (up to the pool's timeout)
        // only to fail the same way: they all fail now, and are polled again.
        written = polls.stream().map(p -> failed(p, e)).toList();
      } else {
        // One poll's bad row must not fail the polls that shared its transaction.
        written = new ArrayList<>(polls.size());
        for (PollWrite p : polls) {
          try {
            written.add(store(List.of(p)).get(0));
          } catch (RuntimeException alone) {
            written.add(failed(p, alone));
          }
        }
      }
    }
    return written;
  }

  private static Written failed(PollWrite p, RuntimeException e) {
    RuntimeException failure = e instanceof DataAccessException d
        ? new StoreException("storing " + p.items().size() + " items of "
            + p.state().sourceId() + " failed: " + Database.reason(d), d)
        : e;
    return new Written(new PollCounts(0, 0), List.of(), Optional.of(failure));
  }

  /** All of the polls in one transaction, or none of them; results in the polls' order. */
  private List<Written> store(List<PollWrite> polls) {
    return Transactions.retryingDeadlocks(dsl, tx -> {
      // Statements take the sources in one order, so concurrent writers lock rows alike.
      Map<String, Split> splits = new TreeMap<>();
      for (PollWrite w : polls) {
        Split s = split(tx, w);
        splits.put(s.sourceId(), s);
      }
      StatementLimits.Limits limits = this.limits.read(tx);
      Map<String, Map<String, Long>> inserted = insert(tx, splits.values(), limits);
      Map<String, Integer> updated = new HashMap<>();
      List<StoryStore.Polled> polled = new ArrayList<>(splits.size());
      for (Split s : splits.values()) {
        int n = 0;
        for (FinishedItem i : s.edited()) {
          n += update(tx, s.sourceId(), i, s.now());
        }
        updated.put(s.sourceId(), n);
        polled.add(new StoryStore.Polled(s.sourceId(),
            inserted.getOrDefault(s.sourceId(), Map.of()), s.edited(), s.write(), s.now()));
      }
      Map<String, List<StoryPlacer.Pending>> queued = StoryStore.queuePolled(tx, polled);
      List<SourceState> states = new ArrayList<>(splits.size());
      for (Split s : splits.values()) {
        states.add(withCounts(s.write().state(),
            inserted.getOrDefault(s.sourceId(), Map.of()).size(), updated.get(s.sourceId())));
      }
      SourceStateRows.upsert(tx, states, limits.statementBytes(), limits.serverPacketBytes());
      List<Written> out = new ArrayList<>(polls.size());
      for (PollWrite w : polls) {
        String id = w.state().sourceId();
        out.add(new Written(new PollCounts(inserted.getOrDefault(id, Map.of()).size(),
            updated.get(id)), queued.getOrDefault(id, List.of()), Optional.empty()));
      }
      return out;
    });
  }

  /** Which of a poll's items are new and which edited; unchanged and tombstoned ones stay. */
  private static Split split(DSLContext tx, PollWrite w) {
    String sourceId = w.state().sourceId();
    Map<String, FinishedItem> byIdentity = new LinkedHashMap<>();
    w.items().forEach(i -> byIdentity.putIfAbsent(i.identityHash(), i));
    // The poll's own read, made under its claim, stands: only this poll writes the source's
    // items meanwhile, and the insert skips an item another writer (a command) stored first.
    // A second read here was one statement in fifteen of a changed poll.
    Map<String, String> known = w.known().isPresent() ? w.known().get()
        : byIdentity.isEmpty() ? Map.of() : FeedStore.known(tx, sourceId, byIdentity.keySet());
    List<FinishedItem> fresh = new ArrayList<>();
    List<FinishedItem> edited = new ArrayList<>();
    for (FinishedItem i : byIdentity.values()) {
      String hash = known.get(i.identityHash());
      if (hash == null) {
        fresh.add(i);
      } else if (!hash.isEmpty() && !hash.equals(i.contentHash())) {
        edited.add(i);
      }
    }
    return new Split(w, w.state().lastPollAt().orElseThrow(), fresh, edited);
  }

  /**
   * Inserts the polls' new items; returns the ids of those inserted (not skipped), by source
   * and identity hash.
   */
  private static Map<String, Map<String, Long>> insert(DSLContext tx, Iterable<Split> splits,
      StatementLimits.Limits limits) {
    // Multi-row statements (as few as fit): Connector/J's per-row batch path is much slower.
    List<Object[]> rows = new ArrayList<>();
    for (Split s : splits) {
      for (FinishedItem i : s.fresh()) {
        ItemRecord r = ItemRows.record(s.sourceId(), i, s.now());
        rows.add(ITEM_COLUMNS.stream().map(r::get).toArray());
      }
    }
    Map<String, Map<String, Long>> ids = new HashMap<>();
    if (rows.isEmpty()) {
      return ids;
    }
    ITEM_INSERT.executeReturning(tx, rows, limits.statementBytes(), limits.serverPacketBytes(),
        rs -> ids.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
            .put(rs.getString(2), rs.getLong(3)));
    return ids;
  }

  private static int update(DSLContext tx, String sourceId, FinishedItem i, Instant now) {
    ItemRecord r = ItemRows.record(sourceId, i, now);
    Map<Field<?>, Object> changes = new LinkedHashMap<>();
    ITEM_EDITABLE.forEach(f -> changes.put(f, r.get(f)));
    changes.put(ITEM.UPDATED_AT, Times.utc(now));
    return tx.update(ITEM).set(changes)
        .where(ITEM.SOURCE_ID.eq(sourceId).and(ITEM.IDENTITY_HASH.eq(i.identityHash())))
        .execute();
  }

  private static SourceState withCounts(SourceState s, int inserted, int updated) {
    return new SourceState(s.sourceId(), s.url(), s.etag(), s.lastModified(), s.bodyHash(),
        s.redirectUrl(), s.redirectCount(), s.lastPollAt(), s.lastSuccessAt(), s.lastOutcome(),
        s.lastHttpStatus(), s.lastError(), inserted, updated, s.consecutiveFailures(),
        s.failingSince(), s.nextPollAt(), s.quietPolls());
  }

  /**
   * Places the written polls' queued items: one placement for all polls with the same rules
   * (one per story stage: normally all of them), shared with the placements waiting at the
   * same moment ({@link CombinedPlacements}).
   */
  private void place(List<PollWrite> polls, List<Written> written) {
    Map<StoryRules, List<Integer>> byRules = new LinkedHashMap<>();
    Instant latest = Instant.MIN;
    for (int k = 0; k < polls.size(); k++) {
      Instant now = polls.get(k).state().lastPollAt().orElseThrow();
      latest = now.isAfter(latest) ? now : latest;
      if (!written.get(k).queued().isEmpty()) {
        byRules.computeIfAbsent(polls.get(k).rules(), r -> new ArrayList<>()).add(k);
      }
    }
    boolean sweep = sweeps.due(latest);
    if (byRules.isEmpty() && sweep) {
      byRules.put(polls.get(0).rules(), List.of()); // the left-over look runs on its own
    }
    for (Map.Entry<StoryRules, List<Integer>> group : byRules.entrySet()) {
      List<StoryPlacer.Pending> items = new ArrayList<>();
      Instant earliest = group.getValue().isEmpty() ? latest : Instant.MAX;
      Instant until = group.getValue().isEmpty() ? latest : Instant.MIN;
      for (int k : group.getValue()) {
        items.addAll(written.get(k).queued());
        Instant now = polls.get(k).state().lastPollAt().orElseThrow();
        earliest = now.isBefore(earliest) ? now : earliest;
        until = now.isAfter(until) ? now : until;
      }
      boolean sweepHere = sweep;
      sweep = false; // one look per write
      try {
        if (placements.place(items, group.getKey(), earliest, until, sweepHere)) {
          sweeps.again(); // a full batch of left-overs
        }
      } catch (DataAccessException e) {
        if (sweepHere) {
          sweeps.again(); // the look may not have run
        }
        // The items are stored and queued: a later placement (any poll's) places them.
        for (int k : group.getValue()) {
          log.warn("source {}: placing {} items in stories failed: {}; a later poll places them",
              polls.get(k).state().sourceId(), written.get(k).queued().size(),
              Database.reason(e));
        }
      }
    }
  }
}
