package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.ITEM_TOMBSTONE;
import static org.newswire.store.generated.Tables.SOURCE_STATE;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;
import org.newswire.store.generated.Indexes;

/**
 * The write side of polling: source state and items. Identity is enforced by the database
 * ({@code UNIQUE(source_id, identity_hash)}); the look-ups here only save work.
 */
public final class FeedStore {
  private final DSLContext dsl;
  private final StateWriter states = new StateWriter(this::writeStates);
  private final StatementLimits limits;
  private final CombinedPlacements placements;
  private final PollWriter polls;

  FeedStore(DSLContext dsl) {
    this(dsl, 0);
  }

  /** @param statementBytes a fixed statement limit (tests); 0 derives it from the server's */
  FeedStore(DSLContext dsl, long statementBytes) {
    this.dsl = dsl;
    this.limits = new StatementLimits(statementBytes);
    this.placements = new CombinedPlacements(dsl);
    this.polls = new PollWriter(dsl, limits, placements);
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

  static Map<String, String> known(DSLContext tx, String sourceId,
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
   * tombstoned ones, and saves the source's state, all in one transaction (shared with the
   * polls finishing at the same moment: {@link PollWriter}); then places the new items in
   * stories. Returns once both are done.
   */
  public PollCounts recordPoll(PollWrite write) {
    return polls.write(write);
  }

  /**
   * Like {@link #recordPoll}, but returns at once: the future completes with the counts once
   * the poll is written and its items placed, or fails with the {@link StoreException} that
   * says why nothing of it was written. Its callbacks run on the store's write threads. Waits
   * only when many writes are queued already ({@link PollWriter#MAX_QUEUED}).
   */
  public CompletableFuture<PollCounts> recordPollBehind(PollWrite write) {
    return polls.writeBehind(write);
  }

  /** Polls waiting for a write that another poll's write holds up (tests). */
  int pollsWaiting() {
    return polls.waiting();
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
    polls.close();
    states.close();
  }

  /** One batch of the state writer: one multi-row upsert, one transaction. */
  private void writeStates(List<SourceState> batch) {
    try {
      dsl.transaction(cfg -> {
        StatementLimits.Limits l = limits.read(cfg.dsl());
        SourceStateRows.upsert(cfg.dsl(), batch, l.statementBytes(), l.serverPacketBytes());
      });
    } catch (DataAccessException e) {
      throw failure("saving the state of " + batch.get(0).sourceId()
          + (batch.size() > 1 ? " and " + (batch.size() - 1) + " other sources" : ""), e);
    }
  }

  private static StoreException failure(String what, DataAccessException e) {
    return new StoreException(what + " failed: " + Database.reason(e), e);
  }

}
