package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.ITEM_TOMBSTONE;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.newswire.model.StoredItem;
import org.newswire.store.generated.tables.Item;

/**
 * The read side of the merged feed: pages of stories, newest first, one entry per story.
 *
 * <p>Paging is by keyset ({@code published_at}, {@code id}) rather than offset, so a reader
 * walking back through history sees each story once even while new ones arrive (RFC 5005 §3).
 * A story ({@code item.story_id}) is one entry: among its items that match the query, the one
 * seen first stands for it and the others are listed as its other reports. An item
 * without a story (not assigned yet) stands alone. First-seen time, unlike published time,
 * never changes, so an agency that joins a story later cannot displace an entry a reader has
 * already seen: the entry keeps its id and its place.
 */
public final class ItemQueries {
  /** Position in the newest-first order; a page holds items strictly older than it. */
  public record Cursor(Instant publishedAt, long rowId) {}

  /**
   * @param sourceIds only items of these sources (empty: all sources, configured or not)
   * @param grouped one entry per story; false: every item, each with its story's other reports
   */
  public record Query(Optional<Set<String>> sourceIds, int limit,
      Optional<Cursor> before, boolean grouped) {
    public Query {
      sourceIds = sourceIds.map(Set::copyOf);
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be positive: " + limit);
      }
    }

    /** One entry per story. */
    public Query(Optional<Set<String>> sourceIds, int limit, Optional<Cursor> before) {
      this(sourceIds, limit, before, true);
    }

    public static Query latest(int limit) {
      return new Query(Optional.empty(), limit, Optional.empty());
    }
  }

  /**
   * @param next where the following (older) page starts; empty on the last page
   * @param stored when the newest of these items was stored or last changed in the store
   *     (first seen, edited, article added): when the page last changed, whatever dates the
   *     feeds wrote (a late-filed item carries an old date but is new to the page)
   */
  public record Page(List<StoredItem> items, Optional<Cursor> next, Optional<Instant> stored) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * A story's reports, first seen first: the first is the one the merged feed's entry shows.
   *
   * @param more true when the story has more than {@code reports} lists (a bound on the page)
   * @param stored when the newest report was stored or last changed, for Last-Modified
   */
  public record Story(long id, List<StoredItem.Report> reports, boolean more, Instant stored) {
    public Story {
      reports = List.copyOf(reports);
    }
  }

  /**
   * A fingerprint of everything that changes a feed: a new item raises {@code maxId}, an edit
   * {@code maxUpdated}, a deletion by retention {@code maxDeleted} (it leaves a tombstone).
   */
  public record Change(long maxId, Optional<Instant> maxUpdated, Optional<Instant> maxDeleted) {}

  private final DSLContext dsl;

  ItemQueries(DSLContext dsl) {
    this.dsl = dsl;
  }

  public Page page(Query q) {
    return read(q);
  }

  /**
   * What decides how an item looks in a feed, short of its content: its row, story and dates,
   * and its story's other reports. The content columns change only with the edit time (an
   * edit or an article sets {@code updated_at}), so two equal stamps of an item show the same
   * entry; a page of a search is outlined first, and only the items whose entries are not at
   * hand are read in full ({@link #contents}).
   *
   * @param edited when the row was last edited here ({@code updated_at}), if ever
   * @param updatedAt as {@link StoredItem#updatedAt()}: the later of the edit and the feed's
   *     own updated date
   */
  public record Stamp(long rowId, OptionalLong storyId, Instant publishedAt, Instant firstSeenAt,
      Optional<Instant> edited, Optional<Instant> updatedAt, List<StoredItem.Report> others) {
    public Stamp {
      others = List.copyOf(others);
    }

    /** The entry's {@code updated}, as {@link StoredItem#lastChange()} has it. */
    public Instant lastChange() {
      return updatedAt.filter(u -> u.isAfter(publishedAt)).orElse(publishedAt);
    }

    /** Whether {@code item}, read after this stamp, is still the item it describes. */
    public boolean describes(StoredItem item) {
      return item.rowId() == rowId && item.storyId().equals(storyId)
          && item.updatedAt().equals(updatedAt) && item.publishedAt().equals(publishedAt);
    }
  }

  /**
   * A search page before its content: the stamps of its items, in the index's order.
   *
   * @param next where the following (older) page starts; empty on the last page
   * @param stored as {@link Page#stored()}
   */
  public record Outline(List<Stamp> stamps, Optional<Cursor> next, Optional<Instant> stored) {
    public Outline {
      stamps = List.copyOf(stamps);
    }
  }

  /**
   * The outline of a search's page: the items {@code ids}, in that order (the search index's,
   * newest first, one per story), with their stories' other reports; ids deleted since the
   * index answered are left out. Reads a few narrow columns by primary key, not the content.
   *
   * @param more whether the index has matches after these: the page then links to the next
   */
  public Outline outline(List<Long> ids, boolean more) {
    if (ids.isEmpty()) {
      return new Outline(List.of(), Optional.empty(), Optional.empty());
    }
    try {
      Map<Long, Record> byId = new java.util.HashMap<>();
      dsl.select(ITEM.ID, ITEM.STORY_ID, ITEM.PUBLISHED_AT, ITEM.FIRST_SEEN_AT, ITEM.UPDATED_AT,
              ITEM.FEED_UPDATED_AT)
          .from(ITEM).where(ITEM.ID.in(ids)).fetch().forEach(r -> byId.put(r.get(ITEM.ID), r));
      List<Record> rows = ids.stream().map(byId::get).filter(java.util.Objects::nonNull)
          .toList();
      Map<Long, List<StoryReports.Row>> reports = reportsOf(rows, ITEM.STORY_ID);
      List<Stamp> stamps = new ArrayList<>(rows.size());
      Optional<Instant> stored = Optional.empty();
      for (Record r : rows) {
        Long story = r.get(ITEM.STORY_ID);
        List<StoredItem.Report> others = new ArrayList<>();
        for (StoryReports.Row o : reports.getOrDefault(story, List.of())) {
          stored = later(stored, o.changed());
          if (o.rowId() != r.get(ITEM.ID) && others.size() < StoryReports.PER_ENTRY) {
            others.add(o.report());
          }
        }
        Instant seen = Times.instant(r.get(ITEM.FIRST_SEEN_AT));
        Optional<Instant> edited = Optional.ofNullable(Times.instant(r.get(ITEM.UPDATED_AT)));
        stamps.add(new Stamp(r.get(ITEM.ID), story == null ? OptionalLong.empty()
            : OptionalLong.of(story), Times.instant(r.get(ITEM.PUBLISHED_AT)), seen, edited,
            ItemRows.updated(r.get(ITEM.UPDATED_AT), r.get(ITEM.FEED_UPDATED_AT)), others));
        stored = later(stored, seen);
        stored = later(stored, edited.orElse(null));
      }
      Optional<Cursor> next = more && !stamps.isEmpty()
          ? Optional.of(new Cursor(stamps.get(stamps.size() - 1).publishedAt(),
              stamps.get(stamps.size() - 1).rowId()))
          : Optional.empty();
      return new Outline(stamps, next, stored);
    } catch (DataAccessException e) {
      throw new StoreException("reading the search's items failed: "
          + Database.reason(e), e);
    }
  }

  /**
   * The stored items of {@code stamps}, each with the other reports its stamp lists, by row
   * id; an item deleted since it was outlined is left out.
   */
  public Map<Long, StoredItem> contents(Collection<Stamp> stamps) {
    Map<Long, StoredItem> out = new java.util.HashMap<>();
    if (stamps.isEmpty()) {
      return out;
    }
    Map<Long, Stamp> byId = new java.util.HashMap<>();
    stamps.forEach(st -> byId.put(st.rowId(), st));
    Item i = ITEM.as("i");
    try {
      dsl.select(shown(i)).from(i).where(i.ID.in(byId.keySet())).fetch().forEach(r -> {
        long id = r.get(i.ID);
        out.put(id, ItemRows.toItem(r.into(i), byId.get(id).others()));
      });
      return out;
    } catch (DataAccessException e) {
      throw new StoreException("reading the search's items failed: "
          + Database.reason(e), e);
    }
  }

  private Page read(Query q) {
    Item i = ITEM.as("i");
    try {
      List<Record> rows = latestRows(i, q);
      boolean more = rows.size() > q.limit();
      return toPage(more ? rows.subList(0, q.limit()) : rows, more, i);
    } catch (DataAccessException e) {
      throw new StoreException("reading the merged feed failed: "
          + Database.reason(e), e);
    }
  }

  private Page toPage(List<Record> shown, boolean more, Item i) {
    Map<Long, List<StoryReports.Row>> reports = reportsOf(shown, i.STORY_ID);
    List<StoredItem> items = new ArrayList<>(shown.size());
    Optional<Instant> stored = Optional.empty();
    for (Record r : shown) {
      List<StoredItem.Report> others = new ArrayList<>();
      for (StoryReports.Row o : reports.getOrDefault(r.get(i.STORY_ID), List.of())) {
        // A report joining a story changes the entry that lists it, so it moves the page's
        // Last-Modified too, not only its bytes (clients that send only If-Modified-Since).
        stored = later(stored, o.changed());
        if (o.rowId() != r.get(i.ID) && others.size() < StoryReports.PER_ENTRY) {
          others.add(o.report());
        }
      }
      items.add(ItemRows.toItem(r.into(i), others));
      stored = later(stored, Times.instant(r.get(i.FIRST_SEEN_AT)));
      stored = later(stored, Times.instant(r.get(i.UPDATED_AT)));
    }
    Optional<Cursor> next = more && !items.isEmpty()
        ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty();
    return new Page(items, next, stored);
  }

  /** The first reports of the rows' stories, as their entries list them. */
  private Map<Long, List<StoryReports.Row>> reportsOf(List<Record> rows, Field<Long> storyId) {
    List<Long> storyIds = new ArrayList<>();
    rows.forEach(r -> Optional.ofNullable(r.get(storyId)).ifPresent(storyIds::add));
    return StoryReports.forEntries(dsl, storyIds);
  }

  /**
   * Walks the (published_at, id) index newest first and keeps an item when no
   * earlier-seen item of its story passes the filter (one probe of ix_item_story per item
   * walked); stops after a page.
   */
  private List<Record> latestRows(Item i, Query q) {
    Item o = ITEM.as("o");
    Condition firstOfStory = !q.grouped() ? DSL.noCondition()
        // An item not yet in a story is being placed (or its placement is queued): it shows
        // once it has one, so that it never shows first alone and then inside a story.
        : i.STORY_ID.isNotNull().and(DSL.notExists(DSL.selectOne()
            .from(o)
            .where(o.STORY_ID.eq(i.STORY_ID))
            .and(filter(o, q))
            .and(o.FIRST_SEEN_AT.lt(i.FIRST_SEEN_AT)
                .or(o.FIRST_SEEN_AT.eq(i.FIRST_SEEN_AT).and(o.ID.lt(i.ID))))));
    return dsl.select(shown(i)).from(i)
        .where(filter(i, q)).and(firstOfStory).and(before(i.PUBLISHED_AT, i.ID, q))
        .orderBy(i.PUBLISHED_AT.desc(), i.ID.desc())
        .limit(q.limit() + 1).fetch();
  }

  /**
   * The columns a page shows: those {@link ItemRows#toItem} reads. Not the plain-text copies
   * (as large as the HTML, and read only by the index and story assignment), the story
   * evidence, or the identity and article-queue bookkeeping: an uncached search page reads 50
   * rows, and the plain text doubled the bytes MariaDB sent and the JDBC driver decoded.
   */
  private static List<Field<?>> shown(Item i) {
    return List.of(i.ID, i.SOURCE_ID, i.IDENTITY_HASH, i.GUID, i.LINK, i.TITLE, i.AUTHOR,
        i.AUTHORS_JSON, i.SUMMARY_HTML, i.SUMMARY_TEXT, i.CONTENT_HTML, i.ARTICLE_HTML,
        i.CATEGORIES_JSON, i.ENCLOSURES_JSON, i.IMAGE_URL, i.COMMENTS, i.PUBLISHED_AT,
        i.FEED_UPDATED_AT, i.FIRST_SEEN_AT, i.UPDATED_AT, i.STORY_ID);
  }

  /** Items strictly older than the query's cursor, if it has one. */
  private static Condition before(Field<LocalDateTime> published, Field<Long> id, Query q) {
    if (q.before().isEmpty()) {
      return DSL.noCondition();
    }
    Cursor c = q.before().get();
    // Spelled out rather than a row comparison so MariaDB uses the (published_at, id) index.
    return published.lt(Times.utc(c.publishedAt()))
        .or(published.eq(Times.utc(c.publishedAt())).and(id.lt(c.rowId())));
  }

  private static Optional<Instant> later(Optional<Instant> a, Instant b) {
    return b == null || a.filter(t -> !t.isBefore(b)).isPresent() ? a : Optional.of(b);
  }

  public static Cursor cursorOf(StoredItem item) {
    return new Cursor(item.publishedAt(), item.rowId());
  }

  /** Cheap: three index look-ups (ix_item_updated, the primary key, ix_item_tombstone_deleted). */
  public Change latestChange() {
    try {
      Record r = dsl.select(
          DSL.field(DSL.select(DSL.max(ITEM.ID)).from(ITEM)),
          DSL.field(DSL.select(DSL.max(ITEM.UPDATED_AT)).from(ITEM)),
          DSL.field(DSL.select(DSL.max(ITEM_TOMBSTONE.DELETED_AT)).from(ITEM_TOMBSTONE)))
          .fetchOne();
      Long maxId = r.get(0, Long.class);
      return new Change(maxId == null ? 0 : maxId,
          Optional.ofNullable(Times.instant(r.get(1, java.time.LocalDateTime.class))),
          Optional.ofNullable(Times.instant(r.get(2, java.time.LocalDateTime.class))));
    } catch (DataAccessException e) {
      throw new StoreException("reading the latest change failed: "
          + Database.reason(e), e);
    }
  }

  /**
   * The ids of the sources that have items stored, configured or not: a removed source's
   * items stay in the merged feed, and {@code ?source=} must still find them. One loose scan
   * of ix_item_source_published (a B-tree descent per source), not of the items.
   */
  public Set<String> sourceIdsWithItems() {
    try {
      return Set.copyOf(dsl.selectDistinct(ITEM.SOURCE_ID).from(ITEM).fetch(ITEM.SOURCE_ID));
    } catch (DataAccessException e) {
      throw new StoreException("reading the sources with items failed: "
          + Database.reason(e), e);
    }
  }

  private static Condition filter(Item t, Query q) {
    Condition c = DSL.noCondition();
    if (q.sourceIds().isPresent()) {
      c = c.and(t.SOURCE_ID.in(q.sourceIds().get()));
    }
    return c;
  }

  /**
   * The story {@code id}'s reports, first seen first, at most {@link StoryReports#PER_STORY};
   * empty when no item belongs to it (an unknown id, or a story whose items retention deleted).
   */
  public Optional<Story> story(long id) {
    try {
      List<StoryReports.Row> rows = StoryReports.first(dsl, List.of(id),
          StoryReports.PER_STORY + 1).get(id);
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      boolean more = rows.size() > StoryReports.PER_STORY;
      List<StoryReports.Row> shown = more ? rows.subList(0, StoryReports.PER_STORY) : rows;
      Instant stored = shown.stream().map(StoryReports.Row::changed).max(Instant::compareTo)
          .orElseThrow();
      return Optional.of(new Story(id, shown.stream().map(StoryReports.Row::report).toList(),
          more, stored));
    } catch (DataAccessException e) {
      throw new StoreException("reading story " + id + " failed: " + Database.reason(e), e);
    }
  }
}
