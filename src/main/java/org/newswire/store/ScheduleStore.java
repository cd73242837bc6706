package org.newswire.store;

import static org.newswire.store.generated.Tables.SOURCE_STATE;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Which sources are due and who polls them. Each source's schedule lives in its row
 * ({@code next_poll_at}) and a poller claims due rows with a lease: {@code SELECT … FOR UPDATE
 * SKIP LOCKED} (MariaDB ≥ 10.6) lets several processes take disjoint batches without waiting on
 * each other, and a claim whose owner died expires with its lease.
 */
public final class ScheduleStore {
  private final DSLContext dsl;

  ScheduleStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Makes the configured sources the active ones: rows are created for new ids (due
   * immediately), other rows are deactivated (their items stay), and a source whose interval
   * shrank is pulled in so that the new interval applies from now.
   *
   * @param intervals every enabled source's id and interval
   */
  public void sync(Map<String, Duration> intervals, Map<String, String> urls, Instant now) {
    try {
      dsl.transaction(cfg -> {
        DSLContext tx = cfg.dsl();
        for (Map.Entry<String, Duration> e : intervals.entrySet()) {
          tx.insertInto(SOURCE_STATE)
              .set(SOURCE_STATE.SOURCE_ID, e.getKey())
              .set(SOURCE_STATE.URL, urls.get(e.getKey()))
              .set(SOURCE_STATE.ACTIVE, true)
              .set(SOURCE_STATE.NEXT_POLL_AT, Times.utc(now))
              .set(SOURCE_STATE.CREATED_AT, Times.utc(now))
              .onDuplicateKeyUpdate()
              .set(SOURCE_STATE.ACTIVE, true)
              .set(SOURCE_STATE.NEXT_POLL_AT, DSL.least(
                  DSL.coalesce(SOURCE_STATE.NEXT_POLL_AT, Times.utc(now)),
                  DSL.val(Times.utc(now.plus(e.getValue())))))
              .execute();
        }
        tx.update(SOURCE_STATE).set(SOURCE_STATE.ACTIVE, false)
            .where(intervals.isEmpty() ? DSL.trueCondition()
                : SOURCE_STATE.SOURCE_ID.notIn(intervals.keySet()))
            .execute();
      });
    } catch (DataAccessException e) {
      throw new StoreException("syncing sources failed: " + Database.reason(e), e);
    }
  }

  /**
   * Claims up to {@code max} active sources that are due and unclaimed (or whose claim
   * expired), for {@code owner} until {@code now + lease}. Returns them with their state, most
   * overdue first. A claimed source is due next when its lease ends (its poll's state sets the
   * real next poll): claims then read only the unclaimed due rows, not past every source still
   * being polled — in steady polling that was over a hundred rows, each locked and let go, per
   * batch of sixteen.
   */
  public List<Claim> claimDue(String owner, int max, Instant now, Duration lease) {
    if (max <= 0) {
      return List.of();
    }
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        List<Claim> claims = tx.selectFrom(SOURCE_STATE)
            .where(SOURCE_STATE.ACTIVE.isTrue())
            .and(SOURCE_STATE.NEXT_POLL_AT.le(Times.utc(now)))
            .and(SOURCE_STATE.CLAIM_UNTIL.isNull()
                .or(SOURCE_STATE.CLAIM_UNTIL.lt(Times.utc(now))))
            .orderBy(SOURCE_STATE.NEXT_POLL_AT)
            .limit(max)
            .forUpdate().skipLocked()
            .fetch(r -> new Claim(r.getSourceId(), Times.instant(r.getNextPollAt()),
                SourceStateRows.toState(r)));
        List<String> ids = claims.stream().map(Claim::sourceId).toList();
        if (!ids.isEmpty()) {
          var until = Times.utc(now.plus(lease));
          tx.update(SOURCE_STATE)
              .set(SOURCE_STATE.CLAIMED_BY, owner)
              .set(SOURCE_STATE.CLAIM_UNTIL, until)
              .set(SOURCE_STATE.NEXT_POLL_AT, until)
              .where(SOURCE_STATE.SOURCE_ID.in(ids))
              .execute();
        }
        return claims;
      });
    } catch (DataAccessException e) {
      throw new StoreException("claiming due sources failed: "
          + Database.reason(e), e);
    }
  }

  /** Extends {@code owner}'s claims on {@code ids} (polls still running) to {@code until}. */
  public void renew(String owner, Collection<String> ids, Instant until) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      dsl.update(SOURCE_STATE).set(SOURCE_STATE.CLAIM_UNTIL, Times.utc(until))
          .set(SOURCE_STATE.NEXT_POLL_AT, Times.utc(until))
          .where(SOURCE_STATE.CLAIMED_BY.eq(owner).and(SOURCE_STATE.SOURCE_ID.in(ids)))
          .execute();
    } catch (DataAccessException e) {
      throw new StoreException("renewing claims failed: " + Database.reason(e), e);
    }
  }

  /**
   * Gives up {@code owner}'s claim on sources it did not poll (shutdown), due again at
   * {@code dueAt} (they were due when claimed).
   */
  public void release(String owner, Collection<String> ids, Instant dueAt) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      dsl.update(SOURCE_STATE).setNull(SOURCE_STATE.CLAIMED_BY).setNull(SOURCE_STATE.CLAIM_UNTIL)
          .set(SOURCE_STATE.NEXT_POLL_AT, Times.utc(dueAt))
          .where(SOURCE_STATE.CLAIMED_BY.eq(owner).and(SOURCE_STATE.SOURCE_ID.in(ids)))
          .execute();
    } catch (DataAccessException e) {
      throw new StoreException("releasing claims failed: "
          + Database.reason(e), e);
    }
  }

  /**
   * Gives up {@code owner}'s claim on a source it did not poll (its host was busy) and makes it
   * due again at {@code dueAt}; nothing else in its state changes, since no poll happened.
   */
  public void postpone(String owner, String id, Instant dueAt) {
    try {
      dsl.update(SOURCE_STATE).set(SOURCE_STATE.NEXT_POLL_AT, Times.utc(dueAt))
          .setNull(SOURCE_STATE.CLAIMED_BY).setNull(SOURCE_STATE.CLAIM_UNTIL)
          .where(SOURCE_STATE.CLAIMED_BY.eq(owner).and(SOURCE_STATE.SOURCE_ID.eq(id)))
          .execute();
    } catch (DataAccessException e) {
      throw new StoreException("postponing a poll failed: " + Database.reason(e),
          e);
    }
  }
}
