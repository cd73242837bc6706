package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.SOURCE_STATE;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Removal of one source's stored items (the {@code purge} command): what an operator needs
 * after removing a source from the configuration, whose items are otherwise kept. Items go the
 * way retention deletes them ({@link Tombstones}), leaving tombstones, so a
 * feed that still lists them does not bring them back; the running daemon's merged feed sees
 * the tombstones as a change and drops them too.
 */
public final class SourcePurge {
  private final DSLContext dsl;

  SourcePurge(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** How many items of {@code sourceId} are stored. */
  public int countItems(String sourceId) {
    try {
      return dsl.fetchCount(ITEM, ITEM.SOURCE_ID.eq(sourceId));
    } catch (DataAccessException e) {
      throw failure("counting the items of " + sourceId, e);
    }
  }

  /** True when the database keeps a state row (polls, validators) for {@code sourceId}. */
  public boolean hasState(String sourceId) {
    try {
      return dsl.fetchExists(SOURCE_STATE, SOURCE_STATE.SOURCE_ID.eq(sourceId));
    } catch (DataAccessException e) {
      throw failure("reading the state of " + sourceId, e);
    }
  }

  /**
   * Deletes up to {@code batch} items of {@code sourceId}, leaving tombstones dated
   * {@code now}. One transaction per batch keeps locks short; call until it returns 0.
   */
  public int deleteItems(String sourceId, int batch, Instant now) {
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        var rows = tx.select(ITEM.ID, ITEM.SOURCE_ID, ITEM.IDENTITY_HASH).from(ITEM)
            .where(ITEM.SOURCE_ID.eq(sourceId)).orderBy(ITEM.ID).limit(batch).forUpdate()
            .fetch();
        return Tombstones.delete(tx, rows, now);
      });
    } catch (DataAccessException e) {
      throw failure("deleting the items of " + sourceId, e);
    }
  }

  /** Forgets the source's state row (only for a source no longer configured); true if one went. */
  public boolean deleteState(String sourceId) {
    try {
      return dsl.deleteFrom(SOURCE_STATE).where(SOURCE_STATE.SOURCE_ID.eq(sourceId)).execute() > 0;
    } catch (DataAccessException e) {
      throw failure("deleting the state of " + sourceId, e);
    }
  }

  private static StoreException failure(String what, DataAccessException e) {
    return new StoreException(what + " failed: " + Database.reason(e), e);
  }
}
