package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record9;
import org.jooq.Select;
import org.jooq.SelectLimitPercentStep;
import org.newswire.model.StoredItem;

/**
 * The reports (items) of stories, first seen first: the related links of the merged feed's
 * entries and the story pages. Each story is read as one range of ix_item_story
 * ({@code story_id, first_seen_at, id}) cut at a limit, so a story that a hundred aggregators
 * reprinted costs a page no more than one of two reports.
 */
final class StoryReports {
  /** Other reports one feed entry lists at most; the story page has all of them. */
  static final int PER_ENTRY = 20;
  /** Reports a story page lists at most. */
  static final int PER_STORY = 500;

  /** A report with its row id and when the row last changed (stored, edited, joined). */
  record Row(long rowId, long storyId, StoredItem.Report report, Instant changed) {}

  private StoryReports() {}

  /**
   * The first {@code limit} reports of each story in {@code storyIds}, in one statement: a
   * UNION ALL of one index range per story (MariaDB has no LATERAL join, and a window function
   * over {@code story_id IN (…)} would read every report of every story).
   */
  static Map<Long, List<Row>> first(DSLContext dsl, Collection<Long> storyIds, int limit) {
    Map<Long, List<Row>> out = new LinkedHashMap<>();
    Select<Record9<Long, Long, String, String, String, String, java.time.LocalDateTime,
        java.time.LocalDateTime, java.time.LocalDateTime>> union = null;
    for (long id : storyIds) {
      if (out.putIfAbsent(id, new ArrayList<>()) != null) {
        continue;
      }
      SelectLimitPercentStep<Record9<Long, Long, String, String, String, String,
          java.time.LocalDateTime, java.time.LocalDateTime, java.time.LocalDateTime>> one =
          dsl.select(ITEM.ID, ITEM.STORY_ID, ITEM.SOURCE_ID, ITEM.IDENTITY_HASH, ITEM.TITLE,
                  ITEM.LINK, ITEM.PUBLISHED_AT, ITEM.FIRST_SEEN_AT, ITEM.UPDATED_AT)
              .from(ITEM)
              .where(ITEM.STORY_ID.eq(id))
              .orderBy(ITEM.FIRST_SEEN_AT, ITEM.ID)
              .limit(limit);
      union = union == null ? one : union.unionAll(one);
    }
    if (union == null) {
      return out;
    }
    for (var r : dsl.fetch(union)) {
      Instant seen = Times.instant(r.value8());
      Instant updated = Times.instant(r.value9());
      StoredItem.Report report = new StoredItem.Report(r.value3(), r.value4(),
          ItemRows.present(r.value5()), ItemRows.present(r.value6()),
          Times.instant(r.value7()), seen);
      out.get(r.value2()).add(new Row(r.value1(), r.value2(), report,
          updated != null && updated.isAfter(seen) ? updated : seen));
    }
    // Each part's ORDER BY chooses its rows; the union's output order is unspecified.
    out.values().forEach(rows -> rows.sort(java.util.Comparator
        .comparing((Row row) -> row.report().firstSeenAt()).thenComparing(Row::rowId)));
    return out;
  }
}
