package org.newswire.store;

import static org.newswire.store.generated.Tables.SOURCE_STATE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.newswire.store.generated.tables.records.SourceStateRecord;

/** A source's poll state as a {@code source_state} row, both ways, and its upsert. */
final class SourceStateRows {
  // Whether a source is active belongs to the config sync, created_at to the first poll.
  // The claim is not kept: saving a poll's state ends it.
  private static final Set<Field<?>> KEEP_ON_UPDATE = Set.of(SOURCE_STATE.SOURCE_ID,
      SOURCE_STATE.CREATED_AT, SOURCE_STATE.ACTIVE);
  private static final Map<Field<?>, Field<?>> ON_DUPLICATE = onDuplicate();
  private static final RowStatement STATE_UPSERT = new RowStatement(
      List.of(SOURCE_STATE.fields()), (dsl, rows) -> RowStatement.insert(dsl, SOURCE_STATE,
          List.of(SOURCE_STATE.fields()), rows).onDuplicateKeyUpdate().set(ON_DUPLICATE));

  private SourceStateRows() {}

  /** Multi-row upserts of whole state rows, in statements under {@code statementBytes}. */
  static void upsert(DSLContext tx, List<SourceState> states, long statementBytes,
      long serverPacketBytes) {
    List<Object[]> rows = new ArrayList<>(states.size());
    for (SourceState s : states) {
      // Not intoArray(): jOOQ builds a record mapper for each call, and in steady polling
      // (a state row per poll) that was 14% of the daemon's allocation.
      SourceStateRecord r = record(s);
      Object[] row = new Object[r.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = r.get(i);
      }
      rows.add(row);
    }
    STATE_UPSERT.execute(tx, rows, statementBytes, serverPacketBytes);
  }

  private static SourceStateRecord record(SourceState s) {
    SourceStateRecord r = new SourceStateRecord();
    r.setSourceId(s.sourceId());
    r.setUrl(s.url());
    r.setEtag(s.etag().orElse(null));
    r.setLastModified(s.lastModified().orElse(null));
    r.setBodyHash(s.bodyHash().orElse(null));
    r.setRedirectUrl(s.redirectUrl().orElse(null));
    r.setRedirectCount(s.redirectCount());
    r.setLastPollAt(Times.utc(s.lastPollAt().orElse(null)));
    r.setLastSuccessAt(Times.utc(s.lastSuccessAt().orElse(null)));
    r.setLastOutcome(s.lastOutcome().orElse(null));
    r.setLastHttpStatus(s.lastHttpStatus().orElse(null));
    r.setLastError(s.lastError().map(e -> e.length() > 1000 ? e.substring(0, 1000) : e)
        .orElse(null));
    r.setLastNew(s.lastNew());
    r.setLastUpdated(s.lastUpdated());
    r.setConsecutiveFailures(s.consecutiveFailures());
    r.setFailingSince(Times.utc(s.failingSince().orElse(null)));
    r.setNextPollAt(Times.utc(s.nextPollAt().orElse(null)));
    r.setQuietPolls(s.quietPolls());
    r.setClaimedBy(null);
    r.setClaimUntil(null);
    r.setActive(true);
    r.setCreatedAt(Times.utc(s.lastPollAt().orElse(Instant.EPOCH)));
    return r;
  }

  private static Map<Field<?>, Field<?>> onDuplicate() {
    Map<Field<?>, Field<?>> m = new LinkedHashMap<>();
    for (Field<?> f : SOURCE_STATE.fields()) {
      if (!KEEP_ON_UPDATE.contains(f)) {
        m.put(f, DSL.excluded(f));
      }
    }
    return m;
  }

  static SourceState toState(SourceStateRecord r) {
    return new SourceState(r.getSourceId(), r.getUrl(), Optional.ofNullable(r.getEtag()),
        Optional.ofNullable(r.getLastModified()), Optional.ofNullable(r.getBodyHash()),
        Optional.ofNullable(r.getRedirectUrl()), r.getRedirectCount(),
        Optional.ofNullable(Times.instant(r.getLastPollAt())),
        Optional.ofNullable(Times.instant(r.getLastSuccessAt())),
        Optional.ofNullable(r.getLastOutcome()), Optional.ofNullable(r.getLastHttpStatus()),
        Optional.ofNullable(r.getLastError()), r.getLastNew(), r.getLastUpdated(),
        r.getConsecutiveFailures(), Optional.ofNullable(Times.instant(r.getFailingSince())),
        Optional.ofNullable(Times.instant(r.getNextPollAt())), r.getQuietPolls());
  }
}
