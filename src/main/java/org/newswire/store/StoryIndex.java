package org.newswire.store;

import static org.newswire.store.generated.Tables.STORY_EVIDENCE;
import static org.newswire.store.generated.Tables.STORY_KEY;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row2;
import org.jooq.impl.DSL;

/**
 * Writes and deletes the story index: an item's candidate keys ({@code story_key}, one row per
 * key, read by {@link StoryCandidates}) and its evidence ({@code story_evidence}), which also
 * keeps the item's keys so that its key rows are found by their primary key when the item is
 * re-indexed, deleted or leaves the window (the key table has no index on item_id: it served
 * only those deletes and cost a second index write per key row stored).
 */
final class StoryIndex {
  /** Index rows per statement: a few thousand, well inside any server's packet limit. */
  private static final long STATEMENT_BYTES = 512 * 1024;
  private static final List<Field<?>> KEY_COLUMNS = List.of(STORY_KEY.KEY_HASH,
      STORY_KEY.SEEN_AT, STORY_KEY.ITEM_ID);
  // A poll writes about 23 rows per new item: jOOQ's rendering of them cost more than the write.
  private static final RowStatement KEY_INSERT = new RowStatement(KEY_COLUMNS, (dsl, rows) ->
      RowStatement.insert(dsl, STORY_KEY, KEY_COLUMNS, rows).onDuplicateKeyIgnore());
  private static final List<Field<?>> EVIDENCE_COLUMNS = List.of(STORY_EVIDENCE.ITEM_ID,
      STORY_EVIDENCE.EVIDENCE, STORY_EVIDENCE.KEY_HASHES);
  private static final RowStatement EVIDENCE_INSERT = new RowStatement(EVIDENCE_COLUMNS,
      (dsl, rows) -> RowStatement.insert(dsl, STORY_EVIDENCE, EVIDENCE_COLUMNS, rows)
          .onDuplicateKeyUpdate()
          .set(STORY_EVIDENCE.EVIDENCE, DSL.excluded(STORY_EVIDENCE.EVIDENCE))
          .set(STORY_EVIDENCE.KEY_HASHES, DSL.excluded(STORY_EVIDENCE.KEY_HASHES)));
  /** Key rows deleted per statement (two binds each). */
  private static final int KEYS_PER_DELETE = 2_000;

  private StoryIndex() {}

  /** Indexes the items' keys and keeps their evidence; only items with keys can be found. */
  static void write(DSLContext tx, List<StoryPlacer.Pending> items) {
    List<Object[]> evidence = new ArrayList<>();
    // Key rows in key order, so the statement walks the index once instead of jumping about.
    List<Object[]> rows = new ArrayList<>();
    for (StoryPlacer.Pending p : items) {
      long[] keys = p.input().keys();
      if (keys.length == 0) {
        continue;
      }
      evidence.add(new Object[] {p.itemId(), p.input().evidence(), pack(keys)});
      var seen = Times.utc(p.seenAt());
      for (long k : keys) {
        rows.add(new Object[] {k, seen, p.itemId()});
      }
    }
    rows.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
    EVIDENCE_INSERT.execute(tx, evidence, STATEMENT_BYTES, STATEMENT_BYTES);
    KEY_INSERT.execute(tx, rows, STATEMENT_BYTES, STATEMENT_BYTES);
  }

  /** Deletes the key rows and evidence of {@code ids}; returns how many rows went. */
  static int delete(DSLContext tx, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    List<Row2<Long, Long>> rows = new ArrayList<>();
    // Locked as read: housekeeping holds no item lock, so an article or edit re-indexing one
    // of them meanwhile must either commit first (and its keys be read here) or wait.
    tx.select(STORY_EVIDENCE.ITEM_ID, STORY_EVIDENCE.KEY_HASHES).from(STORY_EVIDENCE)
        .where(STORY_EVIDENCE.ITEM_ID.in(ids)).orderBy(STORY_EVIDENCE.ITEM_ID).forUpdate()
        .forEach(r -> {
          for (long k : keysOf(r.value2())) {
            rows.add(DSL.row(k, r.value1()));
          }
        });
    // Ordered by the primary key with a limit, as StoryPlacer.unqueue(): the deletes read only
    // the listed rows even while the tables are small enough for a scan, so never wait for
    // rows other transactions hold.
    int removed = 0;
    for (int at = 0; at < rows.size(); at += KEYS_PER_DELETE) {
      List<Row2<Long, Long>> some = rows.subList(at, Math.min(rows.size(), at + KEYS_PER_DELETE));
      removed += tx.deleteFrom(STORY_KEY)
          .where(DSL.row(STORY_KEY.KEY_HASH, STORY_KEY.ITEM_ID).in(some))
          .orderBy(STORY_KEY.KEY_HASH, STORY_KEY.ITEM_ID).limit(some.size()).execute();
    }
    return removed + tx.deleteFrom(STORY_EVIDENCE).where(STORY_EVIDENCE.ITEM_ID.in(ids))
        .orderBy(STORY_EVIDENCE.ITEM_ID).limit(ids.size()).execute();
  }

  /** An item's keys as kept beside its evidence ({@code key_hashes}). */
  static long[] keysOf(byte[] packed) {
    long[] keys = new long[packed.length / Long.BYTES];
    ByteBuffer.wrap(packed).asLongBuffer().get(keys);
    return keys;
  }

  /** 8 bytes a key, big-endian, in the keys' (ascending) order, as V12 packs them in SQL. */
  private static byte[] pack(long[] keys) {
    ByteBuffer b = ByteBuffer.allocate(keys.length * Long.BYTES);
    for (long k : keys) {
      b.putLong(k);
    }
    return b.array();
  }
}
