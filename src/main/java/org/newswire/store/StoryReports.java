package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.STORY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record9;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.newswire.model.StoredItem;
import org.newswire.store.generated.tables.Item;

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
   * The first {@code limit} reports of each story in {@code storyIds}, in one statement. One
   * story (a story page) is one index range of ix_item_story cut at the limit. Several (a feed
   * page's entries) are numbered by a window over that index alone (story_id, first_seen_at,
   * id: no row is read to number them), and only the rows kept are read: MariaDB has no
   * LATERAL join, and a UNION ALL of one range per story, which reads no more index entries,
   * took ~3 ms of server time for 50 stories against ~0.5 ms for the window (SHOW PROFILES,
   * bench/search-bench's 100,000 items), most of it spent on 50 subqueries.
   */
  static Map<Long, List<Row>> first(DSLContext dsl, Collection<Long> storyIds, int limit) {
    Map<Long, List<Row>> out = new LinkedHashMap<>();
    storyIds.forEach(id -> out.putIfAbsent(id, new ArrayList<>()));
    if (out.isEmpty()) {
      return out;
    }
    // The window numbers every index entry of the stories it is given, so it gets only those
    // no larger than the limit; a larger story (or a story page) is one range cut at the limit.
    // So a page's cost stays bounded however many items a story gathers.
    Set<Long> ranged = out.size() == 1 ? out.keySet()
        : dsl.select(STORY.ID).from(STORY).where(STORY.ID.in(out.keySet()))
            .and(STORY.ITEM_COUNT.gt(limit)).fetchSet(STORY.ID);
    return read(dsl, out, out.keySet(), ranged, limit);
  }

  /**
   * As {@link #first} with the limit a feed entry needs, for entries: a story of one item has
   * none (its one report is the entry's own item), so only stories that others joined are
   * read. Most stories are of one item, and reading their one report read a whole item row.
   */
  static Map<Long, List<Row>> forEntries(DSLContext dsl, Collection<Long> storyIds) {
    Map<Long, List<Row>> out = new LinkedHashMap<>();
    storyIds.forEach(id -> out.putIfAbsent(id, new ArrayList<>()));
    if (out.isEmpty()) {
      return out;
    }
    int limit = PER_ENTRY + 1; // the entry's own item may be among them
    Set<Long> shared = new java.util.HashSet<>(out.keySet());
    Set<Long> ranged = new java.util.HashSet<>();
    dsl.select(STORY.ID, STORY.ITEM_COUNT).from(STORY).where(STORY.ID.in(out.keySet()))
        .fetch().forEach(r -> {
          if (r.value2() <= 1) {
            shared.remove(r.value1());
          } else if (r.value2() > limit) {
            ranged.add(r.value1());
          }
        });
    return read(dsl, out, shared, ranged, limit);
  }

  /** Reads the reports of {@code stories} into {@code out}: {@code ranged} one range each. */
  private static Map<Long, List<Row>> read(DSLContext dsl, Map<Long, List<Row>> out,
      Set<Long> stories, Set<Long> ranged, int limit) {
    List<Select<Record9<Long, Long, String, String, String, String, java.time.LocalDateTime,
        java.time.LocalDateTime, java.time.LocalDateTime>>> selects = new ArrayList<>();
    for (long id : ranged) {
      selects.add(dsl.select(ITEM.ID, ITEM.STORY_ID, ITEM.SOURCE_ID, ITEM.IDENTITY_HASH,
              ITEM.TITLE, ITEM.LINK, ITEM.PUBLISHED_AT, ITEM.FIRST_SEEN_AT, ITEM.UPDATED_AT)
          .from(ITEM)
          .where(ITEM.STORY_ID.eq(id))
          .orderBy(ITEM.FIRST_SEEN_AT, ITEM.ID)
          .limit(limit));
    }
    List<Long> windowed = stories.stream().filter(id -> !ranged.contains(id)).toList();
    if (!windowed.isEmpty()) {
      Item o = ITEM.as("o");
      Field<Long> rowId = o.ID.as("row_id");
      Field<Integer> rank = DSL.rowNumber().over(DSL.partitionBy(o.STORY_ID)
          .orderBy(o.FIRST_SEEN_AT, o.ID)).as("report_rank");
      Table<?> ranked = dsl.select(rowId, rank).from(o).where(o.STORY_ID.in(windowed))
          .asTable("ranked");
      selects.add(dsl.select(ITEM.ID, ITEM.STORY_ID, ITEM.SOURCE_ID, ITEM.IDENTITY_HASH,
              ITEM.TITLE, ITEM.LINK, ITEM.PUBLISHED_AT, ITEM.FIRST_SEEN_AT, ITEM.UPDATED_AT)
          .from(ranked)
          .join(ITEM).on(ITEM.ID.eq(ranked.field(rowId)))
          .where(ranked.field(rank).le(limit)));
    }
    for (var select : selects) {
      for (var r : dsl.fetch(select)) {
        Instant seen = Times.instant(r.value8());
        Instant updated = Times.instant(r.value9());
        StoredItem.Report report = new StoredItem.Report(r.value3(), r.value4(),
            ItemRows.present(r.value5()), ItemRows.present(r.value6()),
            Times.instant(r.value7()), seen);
        out.get(r.value2()).add(new Row(r.value1(), r.value2(), report,
            updated != null && updated.isAfter(seen) ? updated : seen));
      }
    }
    // The window's order chooses the rows; the output's order is unspecified.
    out.values().forEach(rows -> rows.sort(java.util.Comparator
        .comparing((Row row) -> row.report().firstSeenAt()).thenComparing(Row::rowId)));
    return out;
  }
}
