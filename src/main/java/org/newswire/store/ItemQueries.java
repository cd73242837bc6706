package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.ITEM_TOMBSTONE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
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
 * Items of several sources with one canonical URL are one story: among the items that match
 * the query, the one seen first stands for it and the others are listed in
 * {@link StoredItem#alsoFrom()}. First-seen time, unlike published time, never changes, so a
 * late duplicate cannot displace an entry a reader has already seen.
 */
public final class ItemQueries {
  /** Position in the newest-first order; a page holds items strictly older than it. */
  public record Cursor(Instant publishedAt, long rowId) {}

  /**
   * @param sourceIds only items of these sources (empty: all sources, configured or not)
   * @param text words to search for in title and text (MariaDB FULLTEXT, all must occur)
   */
  public record Query(Optional<Set<String>> sourceIds, Optional<String> text, int limit,
      Optional<Cursor> before) {
    public Query {
      sourceIds = sourceIds.map(Set::copyOf);
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be positive: " + limit);
      }
    }

    public static Query latest(int limit) {
      return new Query(Optional.empty(), Optional.empty(), limit, Optional.empty());
    }
  }

  /** @param next where the following (older) page starts; empty on the last page */
  public record Page(List<StoredItem> items, Optional<Cursor> next) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * A fingerprint of everything that changes a feed: a new item raises {@code maxId}, an edit
   * {@code maxUpdated}, a deletion by retention {@code maxDeleted} (it leaves a tombstone).
   */
  public record Change(long maxId, Optional<Instant> maxUpdated, Optional<Instant> maxDeleted) {}

  /**
   * How long a search may run. A common word over a large archive makes the FULLTEXT index
   * return most of the table (a million items: half a minute), and one reader must not be able
   * to keep connections and a core busy that long.
   */
  static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(5);

  private final DSLContext dsl;
  private final Duration searchTimeout;

  ItemQueries(DSLContext dsl) {
    this(dsl, SEARCH_TIMEOUT);
  }

  ItemQueries(DSLContext dsl, Duration searchTimeout) {
    this.dsl = dsl;
    this.searchTimeout = searchTimeout;
  }

  /** True when {@code text} holds a word FULLTEXT can find (3+ letters or digits). */
  public static boolean isSearchable(String text) {
    return FullText.booleanQuery(text).isPresent();
  }

  public Page page(Query q) {
    Item i = ITEM.as("i");
    Item o = ITEM.as("o");
    Condition firstOfStory = i.CANONICAL_URL_HASH.isNull().or(DSL.notExists(DSL.selectOne()
        .from(o)
        .where(o.CANONICAL_URL_HASH.eq(i.CANONICAL_URL_HASH))
        .and(filter(o, q))
        .and(o.FIRST_SEEN_AT.lt(i.FIRST_SEEN_AT)
            .or(o.FIRST_SEEN_AT.eq(i.FIRST_SEEN_AT).and(o.ID.lt(i.ID))))));
    Condition where = filter(i, q).and(firstOfStory);
    if (q.before().isPresent()) {
      Cursor c = q.before().get();
      // Spelled out rather than a row comparison so MariaDB uses the (published_at, id) index.
      where = where.and(i.PUBLISHED_AT.lt(Times.utc(c.publishedAt()))
          .or(i.PUBLISHED_AT.eq(Times.utc(c.publishedAt())).and(i.ID.lt(c.rowId()))));
    }
    try {
      var select = dsl.select(i.fields()).from(i).where(where)
          .orderBy(i.PUBLISHED_AT.desc(), i.ID.desc())
          .limit(q.limit() + 1);
      // Connector/J turns the timeout into MariaDB's max_statement_time: the server stops.
      List<Record> rows = q.text().isPresent()
          ? select.queryTimeout((int) Math.max(1, searchTimeout.toSeconds())).fetch()
          : select.fetch();
      boolean more = rows.size() > q.limit();
      List<Record> shown = more ? rows.subList(0, q.limit()) : rows;
      Map<Long, List<StoredItem.AlsoFrom>> also = alsoFrom(shown, i);
      List<StoredItem> items = new ArrayList<>(shown.size());
      for (Record r : shown) {
        items.add(ItemRows.toItem(r.into(i), also.getOrDefault(r.get(i.ID), List.of())));
      }
      Optional<Cursor> next = more && !items.isEmpty()
          ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty();
      return new Page(items, next);
    } catch (DataAccessException e) {
      if (q.text().isPresent() && isTimeout(e)) {
        throw new SearchTimeoutException(searchTimeout, e);
      }
      throw new StoreException("reading the merged feed failed: "
          + Database.firstLine(e.getMessage()), e);
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTimeoutException
          || t instanceof java.sql.SQLException s && s.getErrorCode() == 1969) {
        return true; // 1969: ER_STATEMENT_TIMEOUT (max_statement_time exceeded)
      }
    }
    return false;
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
          + Database.firstLine(e.getMessage()), e);
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
          + Database.firstLine(e.getMessage()), e);
    }
  }

  private static Condition filter(Item t, Query q) {
    Condition c = DSL.noCondition();
    if (q.sourceIds().isPresent()) {
      c = c.and(t.SOURCE_ID.in(q.sourceIds().get()));
    }
    if (q.text().isPresent()) {
      // jOOQ has no MATCH ... AGAINST; the search string is a bind value, never spliced in.
      String terms = FullText.booleanQuery(q.text().get()).orElse("+\"\"");
      c = c.and(DSL.condition("MATCH({0}, {1}, {2}, {3}) AGAINST ({4} IN BOOLEAN MODE)",
          t.TITLE, t.SUMMARY_TEXT, t.CONTENT_TEXT, t.ARTICLE_TEXT, DSL.val(terms)));
    }
    return c;
  }

  /** Other items of the shown stories, oldest first, keyed by the shown item's row id. */
  private Map<Long, List<StoredItem.AlsoFrom>> alsoFrom(List<Record> shown, Item i) {
    Map<String, Long> byHash = new LinkedHashMap<>();
    for (Record r : shown) {
      String hash = r.get(i.CANONICAL_URL_HASH);
      if (hash != null) {
        byHash.put(hash, r.get(i.ID));
      }
    }
    Map<Long, List<StoredItem.AlsoFrom>> out = new LinkedHashMap<>();
    if (byHash.isEmpty()) {
      return out;
    }
    dsl.select(ITEM.ID, ITEM.CANONICAL_URL_HASH, ITEM.SOURCE_ID, ITEM.LINK).from(ITEM)
        .where(ITEM.CANONICAL_URL_HASH.in(byHash.keySet()))
        .orderBy(ITEM.FIRST_SEEN_AT, ITEM.ID)
        .forEach(r -> {
          Long shownId = byHash.get(r.value2());
          if (!r.value1().equals(shownId)) {
            out.computeIfAbsent(shownId, k -> new ArrayList<>())
                .add(new StoredItem.AlsoFrom(r.value3(), Optional.ofNullable(r.value4())));
          }
        });
    return out;
  }
}
