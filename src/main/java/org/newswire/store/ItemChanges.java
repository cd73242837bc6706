package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.ITEM_CHANGE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.newswire.store.generated.tables.Item;

/**
 * What a search index needs from the store: the item change log (sql/V5, written by triggers
 * in the writing transaction) and the searched columns of items. Read-only; any number of
 * processes may follow the log, each from its own position.
 */
public final class ItemChanges {
  /** One entry of the log: item {@code itemId} was inserted, edited or deleted. */
  public record Change(long seq, long itemId) {}

  /**
   * An item as the index sees it.
   *
   * @param storyKey items with one key are one story in the merged feed
   * @param text title, summary, feed content and article text, in that order
   */
  public record Indexed(long id, String sourceId, Instant publishedAt, Instant firstSeenAt,
      String storyKey, String text) {}

  private final DSLContext dsl;

  ItemChanges(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The log's newest position, 0 when it is empty. */
  public long maxSeq() {
    return read("reading the change log's end", () -> {
      Long max = dsl.select(org.jooq.impl.DSL.max(ITEM_CHANGE.SEQ)).from(ITEM_CHANGE)
          .fetchOne(0, Long.class);
      return max == null ? 0L : max;
    });
  }

  /** The log's oldest position still kept (older rows are pruned), 0 when it is empty. */
  public long minSeq() {
    return read("reading the change log's start", () -> {
      Long min = dsl.select(org.jooq.impl.DSL.min(ITEM_CHANGE.SEQ)).from(ITEM_CHANGE)
          .fetchOne(0, Long.class);
      return min == null ? 0L : min;
    });
  }

  /** Changes with {@code seq > after}, oldest first, at most {@code limit}. */
  public List<Change> after(long after, int limit) {
    return read("reading the change log", () -> dsl.select(ITEM_CHANGE.SEQ, ITEM_CHANGE.ITEM_ID)
        .from(ITEM_CHANGE).where(ITEM_CHANGE.SEQ.gt(after)).orderBy(ITEM_CHANGE.SEQ)
        .limit(limit).fetch(r -> new Change(r.value1(), r.value2())));
  }

  /** The changes among {@code seqs} that exist (a gap's transaction may since have committed). */
  public List<Change> bySeq(Collection<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return read("reading the change log", () -> dsl.select(ITEM_CHANGE.SEQ, ITEM_CHANGE.ITEM_ID)
        .from(ITEM_CHANGE).where(ITEM_CHANGE.SEQ.in(seqs)).orderBy(ITEM_CHANGE.SEQ)
        .fetch(r -> new Change(r.value1(), r.value2())));
  }

  /** Deletes log entries older than {@code before}; returns how many. */
  public int prune(Instant before) {
    return read("pruning the change log", () -> dsl.deleteFrom(ITEM_CHANGE)
        .where(ITEM_CHANGE.CHANGED_AT.lt(Times.utc(before))).execute());
  }

  /**
   * The items among {@code ids} as an index should hold them: {@code placed}, and the ids of
   * those still {@code waiting} for their story. A waiting item is shown nowhere yet (the
   * merged feed hides it for the few milliseconds of its placement), so it is not searchable
   * either; its placement writes the change that indexes it. An id in neither was deleted.
   */
  public record Found(List<Indexed> placed, Set<Long> waiting) {}

  /** The items among {@code ids} ({@link Found}). */
  public Found items(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return new Found(List.of(), Set.of());
    }
    return read("reading items to index", () -> {
      Set<Long> waiting = new HashSet<>();
      List<Indexed> placed = indexed(ITEM.ID.in(ids), ids.size(), waiting);
      return new Found(placed, waiting);
    });
  }

  /**
   * Placed items with {@code id > afterId}, by id, among at most {@code limit} items: a full
   * rebuild's batches (empty only at the end).
   */
  public List<Indexed> itemsAfter(long afterId, int limit) {
    return read("reading items to index", () -> {
      long after = afterId;
      while (true) {
        Set<Long> waiting = new HashSet<>();
        List<Indexed> placed = indexed(ITEM.ID.gt(after), limit, waiting);
        if (!placed.isEmpty() || waiting.isEmpty()) {
          return placed;
        }
        // A whole batch still waiting for stories: go on after it rather than end the build.
        after = waiting.stream().mapToLong(Long::longValue).max().orElseThrow();
      }
    });
  }

  private List<Indexed> indexed(org.jooq.Condition where, int limit, Set<Long> waiting) {
    Item i = ITEM;
    List<Indexed> out = new ArrayList<>();
    for (Record r : dsl.select(i.ID, i.SOURCE_ID, i.PUBLISHED_AT, i.FIRST_SEEN_AT, i.STORY_ID,
            i.TITLE, i.SUMMARY_TEXT, i.CONTENT_TEXT, i.ARTICLE_TEXT)
        .from(i).where(where).orderBy(i.ID).limit(limit).fetch()) {
      long id = r.get(i.ID);
      if (r.get(i.STORY_ID) == null) {
        waiting.add(id);
        continue;
      }
      String story = "s" + r.get(i.STORY_ID);
      out.add(new Indexed(id, r.get(i.SOURCE_ID), Times.instant(r.get(i.PUBLISHED_AT)),
          Times.instant(r.get(i.FIRST_SEEN_AT)), story, text(r.get(i.TITLE),
          r.get(i.SUMMARY_TEXT), r.get(i.CONTENT_TEXT), r.get(i.ARTICLE_TEXT))));
    }
    return out;
  }

  /**
   * The searched text: the title, then each body (summary, feed content, article) that no
   * other body begins with. Feeds often send the lead as the summary and the whole text as the
   * content, and an article often repeats the content: analysing a copy twice finds nothing
   * more. Only the beginning is compared (linear in the text): a search for the part anywhere in
   * the other would cost length × length on a hostile feed's text.
   */
  static String text(String title, String... bodies) {
    StringBuilder text = new StringBuilder();
    if (title != null && !title.isBlank()) {
      text.append(title).append('\n');
    }
    for (int k = 0; k < bodies.length; k++) {
      String part = bodies[k];
      if (part == null || part.isBlank()) {
        continue;
      }
      boolean copy = false;
      for (int j = 0; j < bodies.length && !copy; j++) {
        String other = bodies[j];
        copy = j != k && other != null && (other.length() > part.length()
            || other.length() == part.length() && j < k) && other.startsWith(part);
      }
      if (!copy) {
        text.append(part).append('\n');
      }
    }
    return text.toString();
  }

  private static <T> T read(String what, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DataAccessException e) {
      throw new StoreException(what + " failed: " + Database.reason(e), e);
    }
  }
}
