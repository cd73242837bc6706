package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.SOURCE_LINE;
import static org.newswire.store.generated.Tables.SOURCE_LINE_ITEMS;
import static org.newswire.store.generated.Tables.STORY;
import static org.newswire.store.generated.Tables.STORY_EVIDENCE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.newswire.model.FinishedItem;

/**
 * Stories' side tables: per-source line statistics (what a source repeats in every item is its
 * boilerplate), the placement of an item whose article text arrived, and housekeeping of the
 * candidate index. New items are placed as part of their poll ({@link FeedStore#recordPoll}).
 */
public final class StoryStore {
  /** Lines kept past their window only when this many items of the source contained them. */
  static final int RECURRING = 3;

  private final DSLContext dsl;
  private final CombinedPlacements placements;

  /** {@code placements}: the feed store's ({@link FeedStore#stories()}), shared with its polls. */
  StoryStore(DSLContext dsl, CombinedPlacements placements) {
    this.dsl = dsl;
    this.placements = placements;
  }

  /**
   * Queues the polls' new items and their edited ones (their text changed) for placement in
   * stories, and returns them by source; new items without candidate keys get their own story here
   * ({@link StoryPlacer#placeAlone}). New items a concurrent writer inserted first (INSERT IGNORE
   * skipped them, so they are not among {@code inserted}) are queued by that writer.
   */
  static Map<String, List<StoryPlacer.Pending>> queuePolled(DSLContext tx, List<Polled> polls) {
    Map<String, List<StoryPlacer.Pending>> out = new HashMap<>();
    List<StoryPlacer.Pending> allAlone = new ArrayList<>();
    List<StoryPlacer.Pending> allQueued = new ArrayList<>();
    Set<Long> again = new HashSet<>();
    List<SourceLines> lines = new ArrayList<>();
    for (Polled p : polls) {
      if (p.inserted().isEmpty() && p.edited().isEmpty()) {
        out.put(p.sourceId(), List.of());
        continue;
      }
      PollWrite write = p.write();
      List<StoryPlacer.Pending> pending = new ArrayList<>();
      List<long[]> itemLines = new ArrayList<>();
      p.inserted().forEach((identity, id) -> {
        StoryInput in = write.stories().getOrDefault(identity, StoryInput.NONE);
        pending.add(new StoryPlacer.Pending(id, p.now(), Optional.empty(), in));
        if (in != StoryInput.NONE) {
          itemLines.add(in.lines());
        }
      });
      List<String> edits = p.edited().stream().map(FinishedItem::identityHash)
          .filter(h -> write.stories().getOrDefault(h, StoryInput.NONE) != StoryInput.NONE)
          .toList();
      Set<Long> editedIds = new HashSet<>();
      if (!edits.isEmpty()) {
        tx.select(ITEM.IDENTITY_HASH, ITEM.ID, ITEM.FIRST_SEEN_AT, ITEM.STORY_ID).from(ITEM)
            .where(ITEM.SOURCE_ID.eq(p.sourceId())).and(ITEM.IDENTITY_HASH.in(edits))
            .forEach(r -> {
              pending.add(new StoryPlacer.Pending(r.value2(), Times.instant(r.value3()),
                  Optional.ofNullable(r.value4()), write.stories().get(r.value1())));
              editedIds.add(r.value2());
            });
      }
      again.addAll(editedIds);
      // An edited item is queued again even without keys now: the ones it had must go, and
      // it may still be queued from its first poll (placed alone here, it would be placed
      // twice).
      List<StoryPlacer.Pending> queued = new ArrayList<>();
      for (StoryPlacer.Pending q : pending) {
        if (editedIds.contains(q.itemId()) || q.input().keys().length > 0) {
          queued.add(q);
        } else {
          allAlone.add(q);
        }
      }
      allQueued.addAll(queued);
      out.put(p.sourceId(), queued);
      lines.add(new SourceLines(p.sourceId(), itemLines, p.now().plus(write.rules().window())));
    }
    StoryPlacer.placeAlone(tx, allAlone);
    StoryPlacer.queue(tx, allQueued, again);
    countLines(tx, lines);
    return out;
  }

  /**
   * What one poll stored, for {@link #queuePolled}: {@code inserted} its new items' ids by
   * identity, as the insert returned them; {@code edited} its items whose text changed.
   */
  record Polled(String sourceId, Map<String, Long> inserted, List<FinishedItem> edited,
      PollWrite write, Instant now) {}

  /** A source's line statistics for some lines: items counted, and items per line hash. */
  public record LineCounts(int items, Map<Long, Integer> withLine) {
    public LineCounts {
      withLine = Map.copyOf(withLine);
    }

    public int itemsWithLine(long hash) {
      return withLine.getOrDefault(hash, 0);
    }
  }

  /**
   * The statistics of {@code hashes} for {@code sourceId}: one statement, the source's item
   * count first (its line hash NULL), then the lines found.
   */
  public LineCounts lineCounts(String sourceId, long[] hashes) {
    int[] items = {0};
    Map<Long, Integer> counts = new HashMap<>();
    try {
      Object[] binds = new Object[hashes.length == 0 ? 1 : hashes.length + 2];
      binds[0] = sourceId;
      if (hashes.length > 0) {
        binds[1] = sourceId;
        for (int i = 0; i < hashes.length; i++) {
          binds[i + 2] = hashes[i];
        }
      }
      LINE_COUNTS.run(dsl, hashes.length, binds, rs -> {
        long line = rs.getLong(1);
        if (rs.wasNull()) {
          items[0] = rs.getInt(2);
        } else {
          counts.put(line, rs.getInt(2));
        }
      });
      return new LineCounts(items[0], counts);
    } catch (DataAccessException e) {
      throw failure("reading the line statistics of " + sourceId, e);
    }
  }

  // A poll's new items have a hundred lines or more: rendered through jOOQ each time, their
  // hashes cost more than the read.
  private static final ReadStatement LINE_COUNTS = new ReadStatement((r, n) -> {
    var count = r.select(DSL.inline(null, SOURCE_LINE.LINE_HASH), SOURCE_LINE_ITEMS.ITEMS)
        .from(SOURCE_LINE_ITEMS)
        .where(SOURCE_LINE_ITEMS.SOURCE_ID.eq(ReadStatement.param(SOURCE_LINE_ITEMS.SOURCE_ID)));
    return n == 0 ? count : count.unionAll(r.select(SOURCE_LINE.LINE_HASH, SOURCE_LINE.ITEMS)
        .from(SOURCE_LINE)
        .where(SOURCE_LINE.SOURCE_ID.eq(ReadStatement.param(SOURCE_LINE.SOURCE_ID)))
        .and(SOURCE_LINE.LINE_HASH.in(ReadStatement.params(SOURCE_LINE.LINE_HASH, n))));
  });

  private static final long LINE_STATEMENT_BYTES = 512 * 1024;
  private static final List<Field<?>> LINE_COLUMNS = List.of(SOURCE_LINE.SOURCE_ID,
      SOURCE_LINE.LINE_HASH, SOURCE_LINE.ITEMS, SOURCE_LINE.KEEP_UNTIL);
  // Hundreds of lines a poll: rendered through jOOQ each time, they cost more than the write.
  private static final RowStatement LINE_COUNT = new RowStatement(LINE_COLUMNS, (dsl, rows) ->
      RowStatement.insert(dsl, SOURCE_LINE, LINE_COLUMNS, rows).onDuplicateKeyUpdate()
          .set(SOURCE_LINE.ITEMS, SOURCE_LINE.ITEMS.plus(DSL.excluded(SOURCE_LINE.ITEMS)))
          .set(SOURCE_LINE.KEEP_UNTIL, DSL.greatest(SOURCE_LINE.KEEP_UNTIL,
              DSL.excluded(SOURCE_LINE.KEEP_UNTIL))));

  /** A source's items to count, each with its lines, and how long their rows are kept. */
  record SourceLines(String sourceId, List<long[]> itemLines, Instant keepUntil) {}

  /**
   * Counts items of each source, each with its lines (each distinct line once per item),
   * inside {@code tx}: one statement for the lines and one for the item counts, whatever the
   * number of sources. Rows are written in ascending order of source and line, so concurrent
   * writers cannot deadlock over them.
   */
  static void countLines(DSLContext tx, List<SourceLines> sources) {
    List<Object[]> rows = new ArrayList<>();
    Map<String, Integer> itemsBySource = new TreeMap<>();
    List<SourceLines> sorted = new ArrayList<>(sources);
    sorted.sort(java.util.Comparator.comparing(SourceLines::sourceId));
    for (SourceLines s : sorted) {
      // An item with no lines is not counted: it has no text, or it was counted before.
      List<long[]> counted = s.itemLines().stream().filter(l -> l.length > 0).toList();
      if (counted.isEmpty()) {
        continue;
      }
      Map<Long, Integer> perLine = new TreeMap<>();
      for (long[] lines : counted) {
        Arrays.stream(lines).distinct().forEach(h -> perLine.merge(h, 1, Integer::sum));
      }
      var until = Times.utc(s.keepUntil());
      perLine.forEach((line, items) -> rows.add(new Object[] {s.sourceId(), line, items, until}));
      itemsBySource.merge(s.sourceId(), counted.size(), Integer::sum);
    }
    if (itemsBySource.isEmpty()) {
      return;
    }
    LINE_COUNT.execute(tx, rows, LINE_STATEMENT_BYTES, LINE_STATEMENT_BYTES);
    var counts = tx.insertInto(SOURCE_LINE_ITEMS, SOURCE_LINE_ITEMS.SOURCE_ID,
        SOURCE_LINE_ITEMS.ITEMS);
    for (var e : itemsBySource.entrySet()) {
      counts = counts.values(e.getKey(), e.getValue());
    }
    counts.onDuplicateKeyUpdate().set(SOURCE_LINE_ITEMS.ITEMS,
        SOURCE_LINE_ITEMS.ITEMS.plus(DSL.excluded(SOURCE_LINE_ITEMS.ITEMS))).execute();
  }

  /** What the article path needs to recompute an item's evidence. */
  public record ItemText(long itemId, String sourceId, Optional<String> title,
      Instant publishedAt) {}

  public Optional<ItemText> itemText(long itemId) {
    try {
      return dsl.select(ITEM.ID, ITEM.SOURCE_ID, ITEM.TITLE, ITEM.PUBLISHED_AT).from(ITEM)
          .where(ITEM.ID.eq(itemId)).fetchOptional(r -> new ItemText(r.value1(), r.value2(),
              Optional.ofNullable(r.value3()), Times.instant(r.value4())));
    } catch (DataAccessException e) {
      throw failure("reading item " + itemId, e);
    }
  }

  /**
   * Places an item again with new evidence (its article text arrived): it joins the best
   * story, stays, or starts its own; the story it leaves stays consistent (deleted when empty,
   * else its first item, count and times recomputed).
   */
  public void replace(long itemId, StoryInput input, StoryRules rules, Instant now) {
    try {
      Optional<StoryPlacer.Pending> queued = Transactions.retryingDeadlocks(dsl, tx -> {
        var row = tx.select(ITEM.FIRST_SEEN_AT, ITEM.STORY_ID, ITEM.SOURCE_ID).from(ITEM)
            .where(ITEM.ID.eq(itemId)).forUpdate().fetchOne();
        if (row == null) {
          return Optional.<StoryPlacer.Pending>empty(); // deleted meanwhile (retention, purge)
        }
        countLines(tx, List.of(new SourceLines(row.value3(), List.of(input.lines()),
            now.plus(rules.window()))));
        var p = new StoryPlacer.Pending(itemId, Times.instant(row.value1()),
            Optional.ofNullable(row.value2()), input);
        StoryPlacer.queue(tx, List.of(p), Set.of(itemId));
        return Optional.of(p);
      });
      queued.ifPresent(p -> placements.place(List.of(p), rules, now, false));
    } catch (DataAccessException e) {
      throw failure("placing item " + itemId + " in a story", e);
    }
  }

  /** The story of an item, if it is stored. */
  public Optional<Long> storyOf(long itemId) {
    try {
      return dsl.select(ITEM.STORY_ID).from(ITEM).where(ITEM.ID.eq(itemId))
          .fetchOptional(ITEM.STORY_ID);
    } catch (DataAccessException e) {
      throw failure("reading the story of item " + itemId, e);
    }
  }

  /** Story of each stored item of a source, by identity hash. */
  public Map<String, Long> storiesOf(String sourceId, List<String> identityHashes) {
    try {
      Map<String, Long> out = new HashMap<>();
      dsl.select(ITEM.IDENTITY_HASH, ITEM.STORY_ID).from(ITEM)
          .where(ITEM.SOURCE_ID.eq(sourceId)).and(ITEM.IDENTITY_HASH.in(identityHashes))
          .and(ITEM.STORY_ID.isNotNull())
          .forEach(r -> out.put(r.value1(), r.value2()));
      return out;
    } catch (DataAccessException e) {
      throw failure("reading the stories of " + sourceId, e);
    }
  }

  /** Items whose index rows are deleted per transaction: short transactions while polls go on. */
  private static final int PRUNE_BATCH = 500;

  /**
   * Housekeeping: drops the index rows and evidence of items seen before {@code now - window}
   * (no placement reads them again), and line statistics of lines that did not recur. Returns
   * the rows removed.
   */
  public int prune(Instant now, Duration window) {
    try {
      long below = firstItemSeenSince(now.minus(window));
      int removed = 0;
      for (int n = PRUNE_BATCH; n == PRUNE_BATCH; ) {
        int[] batch = Transactions.retryingDeadlocks(dsl, tx -> {
          List<Long> ids = tx.select(STORY_EVIDENCE.ITEM_ID).from(STORY_EVIDENCE)
              .where(STORY_EVIDENCE.ITEM_ID.lt(below)).orderBy(STORY_EVIDENCE.ITEM_ID)
              .limit(PRUNE_BATCH).fetch(STORY_EVIDENCE.ITEM_ID);
          return new int[] {ids.size(), StoryIndex.delete(tx, ids)};
        });
        n = batch[0];
        removed += batch[1];
      }
      return removed + dsl.deleteFrom(SOURCE_LINE).where(SOURCE_LINE.KEEP_UNTIL.lt(
          Times.utc(now))).and(SOURCE_LINE.ITEMS.lt(RECURRING)).execute();
    } catch (DataAccessException e) {
      throw failure("pruning the story index", e);
    }
  }

  /**
   * The story index's size (rows and indexes of {@code story_key} and {@code story_evidence},
   * as the server estimates them) against the InnoDB buffer pool it is read through. Once the
   * index outgrows the pool, placing each new item reads its candidates from disk.
   */
  public record IndexFit(long indexBytes, long bufferPoolBytes) {
    /** One line for the operator when the index outgrew the pool, else empty. */
    public Optional<String> warning(Duration window) {
      if (indexBytes <= bufferPoolBytes) {
        return Optional.empty();
      }
      return Optional.of(String.format(Locale.ROOT, "the story index of the last %s is %,d MiB,"
          + " more than MariaDB's InnoDB buffer pool of %,d MiB: placing new items reads it from"
          + " disk and slows polling; size the pool above it (innodb_buffer_pool_size, or"
          + " db.buffer_pool_size for the embedded server)",
          window.toSeconds() % 3600 == 0 ? window.toHours() + " h"
              : window.toSeconds() % 60 == 0 ? window.toMinutes() + " min"
              : window.toSeconds() + " s",
          indexBytes >> 20, bufferPoolBytes >> 20));
    }
  }

  /** The story index's size against the buffer pool ({@link IndexFit}). */
  public IndexFit indexFit() {
    try {
      var r = dsl.fetchOne("SELECT COALESCE(SUM(data_length + index_length), 0),"
          + " @@innodb_buffer_pool_size FROM information_schema.TABLES"
          + " WHERE table_schema = DATABASE() AND table_name IN ('story_key', 'story_evidence')");
      return new IndexFit(r.get(0, Long.class), r.get(1, Long.class));
    } catch (DataAccessException e) {
      throw failure("reading the story index's size", e);
    }
  }

  /**
   * The lowest id of the items first seen at or after {@code since}, or one past the highest
   * id when there are none. Ids follow first-seen order (near enough across processes: the
   * candidate reads filter on the time themselves), so a binary search over ids finds it in a
   * few dozen primary-key look-ups, with no index on the time.
   */
  private long firstItemSeenSince(Instant since) {
    var t = Times.utc(since);
    Long max = dsl.select(DSL.max(ITEM.ID)).from(ITEM).fetchOne(0, Long.class);
    if (max == null) {
      return 0;
    }
    long lo = 0;
    long hi = max + 1;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      var next = dsl.select(ITEM.ID, ITEM.FIRST_SEEN_AT).from(ITEM).where(ITEM.ID.ge(mid))
          .orderBy(ITEM.ID).limit(1).fetchOne();
      if (next == null || !next.value2().isBefore(t)) {
        hi = mid;
      } else {
        lo = next.value1() + 1;
      }
    }
    return lo;
  }

  /** Stories without items, and items without a story (both should be none). */
  public int inconsistencies() {
    try {
      return dsl.fetchCount(STORY, DSL.notExists(DSL.selectOne().from(ITEM)
          .where(ITEM.STORY_ID.eq(STORY.ID)))) + dsl.fetchCount(ITEM, ITEM.STORY_ID.isNull());
    } catch (DataAccessException e) {
      throw failure("checking stories", e);
    }
  }

  private static StoreException failure(String what, DataAccessException e) {
    return new StoreException(what + " failed: " + Database.reason(e), e);
  }
}
