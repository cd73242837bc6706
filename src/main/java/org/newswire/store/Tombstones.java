package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.ITEM_TOMBSTONE;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Result;

/**
 * Deleting items the way that keeps them deleted: a tombstone per identity, so a feed that
 * still lists an item does not store it again (retention and {@code purge} both delete so),
 * dated {@code now}, which also tells the merged feed's cache that something changed.
 */
final class Tombstones {
  private Tombstones() {}

  /**
   * Deletes {@code rows} (item id, source id, identity hash) inside {@code tx}, tombstones
   * first; returns how many items went.
   */
  static int delete(DSLContext tx, Result<Record3<Long, String, String>> rows, Instant now) {
    if (rows.isEmpty()) {
      return 0;
    }
    var insert = tx.insertInto(ITEM_TOMBSTONE, ITEM_TOMBSTONE.SOURCE_ID,
        ITEM_TOMBSTONE.IDENTITY_HASH, ITEM_TOMBSTONE.DELETED_AT);
    for (var r : rows) {
      insert = insert.values(r.value2(), r.value3(), Times.utc(now));
    }
    insert.onDuplicateKeyUpdate().set(ITEM_TOMBSTONE.DELETED_AT, Times.utc(now)).execute();
    var ids = rows.getValues(ITEM.ID);
    // Their stories lose them: an emptied story goes, the others get their first item, count
    // and times recomputed; their index rows go with them.
    var stories = tx.selectDistinct(ITEM.STORY_ID).from(ITEM).where(ITEM.ID.in(ids))
        .and(ITEM.STORY_ID.isNotNull()).fetch(ITEM.STORY_ID);
    StoryIndex.delete(tx, ids);
    StoryPlacer.unqueue(tx, ids);
    int deleted = tx.deleteFrom(ITEM).where(ITEM.ID.in(ids)).execute();
    StoryWrites.refresh(tx, stories);
    return deleted;
  }
}
