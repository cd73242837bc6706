package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.ITEM_TOMBSTONE;
import static org.newswire.store.generated.Tables.SOURCE_STATE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;
import org.newswire.model.FinishedItem;
import org.newswire.store.generated.Indexes;
import org.newswire.store.generated.tables.records.ItemRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of polling: source state and items. Identity is enforced by the database
 * ({@code UNIQUE(source_id, identity_hash)}); the look-ups here only save work.
 */
public final class FeedStore {
  private static final Logger log = LoggerFactory.getLogger(FeedStore.class);
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
          .returning(ITEM.IDENTITY_HASH, ITEM.ID));

  private final DSLContext dsl;
  private final StateWriter states = new StateWriter(this::writeStates);
  // A fixed statement limit (tests), else 0: three quarters of the server's packet limit.
  private final long fixedStatementBytes;
  // The server's max_allowed_packet, read once per pool on the first write; 0 until then.
  private volatile long serverPacketBytes;
  private final LeftOverSweep sweeps = new LeftOverSweep();
  private final CombinedPlacements placements;

  FeedStore(DSLContext dsl) {
    this(dsl, 0);
  }

  /** @param statementBytes a fixed statement limit (tests); 0 derives it from the server's */
  FeedStore(DSLContext dsl, long statementBytes) {
    this.dsl = dsl;
    this.fixedStatementBytes = statementBytes;
    this.placements = new CombinedPlacements(dsl);
  }

  /** How large the multi-row statements of a write may be, and the server's packet limit. */
  private record Limits(long statementBytes, long serverPacketBytes) {}

  private Limits limits(DSLContext tx) {
    long packet = serverPacketBytes;
    if (packet == 0) {
      Long read = tx.select(DSL.field("@@max_allowed_packet", Long.class)).fetchOne(0,
          Long.class);
      packet = read == null ? 1024 * 1024 : read;
      serverPacketBytes = packet;
    }
    // The margin covers the protocol's framing and any slack in the estimate of a statement.
    return new Limits(fixedStatementBytes > 0 ? fixedStatementBytes
        : Math.max(64 * 1024, packet / 4 * 3), packet);
  }

  /** Content hashes of the stored items among {@code identityHashes}; tombstones map to "". */
  public Map<String, String> knownItems(String sourceId, Collection<String> identityHashes) {
    if (identityHashes.isEmpty()) {
      return Map.of();
    }
    try {
      return known(dsl, sourceId, identityHashes);
    } catch (DataAccessException e) {
      throw failure("reading items of " + sourceId, e);
    }
  }

  /**
   * The stored items' and tombstones' content hashes among a poll's identities, in one round
   * trip: a changed poll reads them before finishing (and its write again only when the poll
   * did not), and in steady polling those reads were a seventh of the statements. The items'
   * half is answered by {@code ix_item_known} alone (V10), never by the item rows; the read
   * forces that index, so it is planned from the index's statistics ({@link
   * ReadStatement#fromStatistics}). Binds the source, its identities, the source and its
   * identities again.
   */
  static final ReadStatement KNOWN = new ReadStatement((r, n) -> r
      .select(ITEM.IDENTITY_HASH, ITEM.CONTENT_HASH)
      .from(ITEM.forceIndex(Indexes.IX_ITEM_KNOWN.getName()))
      .where(ITEM.SOURCE_ID.eq(ReadStatement.param(ITEM.SOURCE_ID))
          .and(ITEM.IDENTITY_HASH.in(ReadStatement.params(ITEM.IDENTITY_HASH, n))))
      .unionAll(r.select(ITEM_TOMBSTONE.IDENTITY_HASH, DSL.inline("")).from(ITEM_TOMBSTONE)
          .where(ITEM_TOMBSTONE.SOURCE_ID.eq(ReadStatement.param(ITEM_TOMBSTONE.SOURCE_ID))
              .and(ITEM_TOMBSTONE.IDENTITY_HASH.in(
                  ReadStatement.params(ITEM_TOMBSTONE.IDENTITY_HASH, n))))))
      .estimatedFromStatistics();

  private static Map<String, String> known(DSLContext tx, String sourceId,
      Collection<String> identityHashes) {
    Map<String, String> out = new HashMap<>();
    int n = identityHashes.size();
    Object[] binds = new Object[2 * n + 2];
    binds[0] = sourceId;
    binds[n + 1] = sourceId;
    int k = 1;
    for (String h : identityHashes) {
      binds[k] = h;
      binds[n + 1 + k] = h;
      k++;
    }
    KNOWN.run(tx, n, binds, rs -> {
      String identity = rs.getString(1);
      String content = rs.getString(2);
      if (content.isEmpty()) {
        out.putIfAbsent(identity, ""); // a tombstone; a stored item wins
      } else {
        out.put(identity, content);
      }
    });
    return out;
  }

  public Optional<SourceState> state(String sourceId) {
    try {
      return Optional.ofNullable(dsl.selectFrom(SOURCE_STATE)
          .where(SOURCE_STATE.SOURCE_ID.eq(sourceId)).fetchOne())
          .map(SourceStateRows::toState);
    } catch (DataAccessException e) {
      throw failure("reading the state of " + sourceId, e);
    }
  }

  /** Every source's state, by id, in id order. */
  public Map<String, SourceState> states() {
    try {
      Map<String, SourceState> out = new LinkedHashMap<>();
      dsl.selectFrom(SOURCE_STATE).orderBy(SOURCE_STATE.SOURCE_ID)
          .forEach(r -> out.put(r.getSourceId(), SourceStateRows.toState(r)));
      return out;
    } catch (DataAccessException e) {
      throw failure("reading source states", e);
    }
  }

  /**
   * Writes one poll: inserts new items, updates edited ones in place, skips unchanged and
   * tombstoned ones, and saves the source's state, all in one transaction.
   */
  public PollCounts recordPoll(PollWrite write) {
    SourceState st = write.state();
    Instant now = st.lastPollAt().orElseThrow(() ->
        new IllegalArgumentException("a poll's state needs lastPollAt"));
    List<StoryPlacer.Pending> queued = new ArrayList<>();
    PollCounts counts;
    try {
      counts = Transactions.retryingDeadlocks(dsl, tx -> {
        queued.clear();
        Map<String, FinishedItem> byIdentity = new LinkedHashMap<>();
        write.items().forEach(i -> byIdentity.putIfAbsent(i.identityHash(), i));
        // The poll's own read, made under its claim, stands: only this poll writes the
        // source's items meanwhile, and the insert skips an item another writer (a command)
        // stored first. A second read here was one statement in fifteen of a changed poll.
        Map<String, String> known = write.known().isPresent() ? write.known().get()
            : known(tx, st.sourceId(), byIdentity.keySet());
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
        Limits limits = limits(tx);
        Map<String, Long> inserted = insert(tx, st.sourceId(), fresh, now, limits);
        int updated = 0;
        for (FinishedItem i : edited) {
          updated += update(tx, st.sourceId(), i, now);
        }
        queued.addAll(StoryStore.queuePolled(tx, st.sourceId(), inserted, edited, write, now));
        SourceState saved = withCounts(st, inserted.size(), updated);
        SourceStateRows.upsert(tx, List.of(saved), limits.statementBytes(),
            limits.serverPacketBytes());
        return new PollCounts(inserted.size(), updated);
      });
    } catch (DataAccessException e) {
      throw failure("storing " + write.items().size() + " items of " + st.sourceId(), e);
    }
    boolean sweep = sweeps.due(now);
    try {
      if (placements.place(queued, write.rules(), now, sweep)) {
        sweeps.again(); // a full batch of left-overs
      }
    } catch (DataAccessException e) {
      if (sweep) {
        sweeps.again(); // the look may not have run
      }
      // The items are stored and queued: a later placement (any poll's) places them.
      log.warn("source {}: placing {} items in stories failed: {}; a later poll places them",
          st.sourceId(), queued.size(), Database.reason(e));
    }
    return counts;
  }

  /**
   * Deletes up to {@code batch} items published before {@code cutoff}, leaving tombstones so
   * that feeds still listing them do not bring them back. One transaction per batch keeps locks
   * short; call until it returns 0.
   */
  public int deleteOlderThan(Instant cutoff, int batch, Instant now) {
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        var rows = tx.select(ITEM.ID, ITEM.SOURCE_ID, ITEM.IDENTITY_HASH).from(ITEM)
            .where(ITEM.PUBLISHED_AT.lt(Times.utc(cutoff)))
            .orderBy(ITEM.PUBLISHED_AT).limit(batch).forUpdate().skipLocked().fetch();
        return Tombstones.delete(tx, rows, now);
      });
    } catch (DataAccessException e) {
      throw failure("deleting old items", e);
    }
  }

  /**
   * The stories' side of this store; its re-placements (articles) share this store's combined
   * placements with the polls.
   */
  StoryStore stories() {
    return new StoryStore(dsl, placements);
  }

  /** Drops story index rows and line statistics past their window ({@link StoryStore#prune}). */
  public int pruneStoryIndex(Instant now, Duration window) {
    return stories().prune(now, window);
  }

  /** The story index's size against the buffer pool ({@link StoryStore#indexFit}). */
  public StoryStore.IndexFit storyIndexFit() {
    return stories().indexFit();
  }

  /** Forgets tombstones older than {@code before}; returns how many. */
  public int pruneTombstones(Instant before) {
    try {
      return dsl.deleteFrom(ITEM_TOMBSTONE)
          .where(ITEM_TOMBSTONE.DELETED_AT.lt(Times.utc(before))).execute();
    } catch (DataAccessException e) {
      throw failure("pruning tombstones", e);
    }
  }

  /**
   * Saves a source's state alone (a poll that stored no items: 304, error, unchanged body).
   * Returns once the row is committed. Most polls end here, so saves go through one writer
   * that puts all those waiting into its next transaction (group commit): one upsert and one
   * commit for a whole batch instead of one per poll.
   */
  public void saveState(SourceState state) {
    try {
      states.submit(state, false).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw e;
    }
  }

  /**
   * {@link #saveState}, except that it returns at once: the row is committed with the next
   * batch, typically within a few milliseconds. For a poll under a claim: the claim holds
   * until the row that ends it is committed, so no other poller takes the source meanwhile,
   * and if the process dies first the claim expires and the source is polled again (nothing
   * is lost but the repeat). A failed write is logged. Waits only when thousands of saves are
   * pending already (the database is slower than polling).
   */
  public void saveStateBehind(SourceState state) {
    states.submit(state, true);
  }

  /** Writes the states still pending; saves after this fail. */
  void close() {
    states.close();
  }

  /** One batch of the state writer: one multi-row upsert, one transaction. */
  private void writeStates(List<SourceState> batch) {
    try {
      dsl.transaction(cfg -> {
        Limits limits = limits(cfg.dsl());
        SourceStateRows.upsert(cfg.dsl(), batch, limits.statementBytes(),
            limits.serverPacketBytes());
      });
    } catch (DataAccessException e) {
      throw failure("saving the state of " + batch.get(0).sourceId()
          + (batch.size() > 1 ? " and " + (batch.size() - 1) + " other sources" : ""), e);
    }
  }

  private static SourceState withCounts(SourceState s, int inserted, int updated) {
    return new SourceState(s.sourceId(), s.url(), s.etag(), s.lastModified(), s.bodyHash(),
        s.redirectUrl(), s.redirectCount(), s.lastPollAt(), s.lastSuccessAt(), s.lastOutcome(),
        s.lastHttpStatus(), s.lastError(), inserted, updated, s.consecutiveFailures(),
        s.failingSince(), s.nextPollAt(), s.quietPolls());
  }

  /** Inserts the items; returns the ids of those inserted (not skipped), by identity hash. */
  private static Map<String, Long> insert(DSLContext tx, String sourceId,
      List<FinishedItem> items, Instant now, Limits limits) {
    // Multi-row statements (as few as fit): Connector/J's per-row batch path is much slower.
    List<Object[]> rows = new ArrayList<>(items.size());
    for (FinishedItem i : items) {
      ItemRecord r = ItemRows.record(sourceId, i, now);
      rows.add(ITEM_COLUMNS.stream().map(r::get).toArray());
    }
    Map<String, Long> ids = new LinkedHashMap<>();
    ITEM_INSERT.executeReturning(tx, rows, limits.statementBytes(), limits.serverPacketBytes(),
        rs -> ids.put(rs.getString(1), rs.getLong(2)));
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

  private static StoreException failure(String what, DataAccessException e) {
    return new StoreException(what + " failed: " + Database.reason(e), e);
  }

}
