package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.STORY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes where placements put items: the items' story ids and the story rows, keeping every
 * story's first item, count and times consistent with its items ({@link StoryPlacer} decides,
 * this class writes; retention and purges use {@link #refresh} for the stories they shrink).
 */
final class StoryWrites {
  private StoryWrites() {}

  /**
   * Puts each item where {@code target} says: an existing story's id, or (negative) -1 - the
   * index of the item of {@code items} whose new story it joins (itself: a story of its own).
   */
  static void write(DSLContext tx, List<StoryPlacer.Pending> items, long[] target) {
    Set<Long> left = new LinkedHashSet<>();
    Set<Long> joined = new LinkedHashSet<>();
    List<Long> fresh = new ArrayList<>();
    Map<Long, List<Long>> joining = new HashMap<>();
    Map<Integer, List<Long>> joiningNew = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      StoryPlacer.Pending p = items.get(i);
      long t = target[i];
      if (t >= 0 && p.current().filter(c -> c == t).isPresent()) {
        continue; // stays where it is
      }
      if (t == -1 - i && p.current().isPresent() && storySize(tx, p.current().get()) == 1) {
        continue; // alone already: its own story stays
      }
      p.current().ifPresent(left::add);
      if (t >= 0) {
        joining.computeIfAbsent(t, x -> new ArrayList<>()).add(p.itemId());
        joined.add(t);
      } else if (t == -1 - i) {
        fresh.add(p.itemId());
      } else {
        joiningNew.computeIfAbsent((int) (-1 - t), x -> new ArrayList<>()).add(p.itemId());
      }
    }
    // Items in a story already (edits, articles) that go to a new one; a new item has none.
    List<Long> leaving = items.stream().filter(p -> p.current().isPresent())
        .map(StoryPlacer.Pending::itemId).filter(id -> fresh.contains(id)
            || joiningNew.values().stream().anyMatch(ids -> ids.contains(id)))
        .toList();
    if (!leaving.isEmpty()) {
      // Out of their old stories first: a story's first item is unique to it.
      tx.update(ITEM).set(ITEM.STORY_ID, (Long) null).where(ITEM.ID.in(leaving)).execute();
    }
    joining.forEach((story, ids) -> tx.update(ITEM).set(ITEM.STORY_ID, story)
        .where(ITEM.ID.in(ids)).execute());
    // The stories items left first: an item that was its old story's first item must be
    // replaced there before it can be another story's first (first_item_id is unique).
    Set<Long> changed = new LinkedHashSet<>(left);
    changed.retainAll(joined);
    left.removeAll(joined);
    refresh(tx, left);
    refresh(tx, changed);
    joining.forEach((story, ids) -> {
      if (!changed.contains(story)) {
        grow(tx, story, items.stream().filter(p -> ids.contains(p.itemId())).toList());
      }
    });
    if (!fresh.isEmpty()) {
      tx.insertInto(STORY, STORY.FIRST_ITEM_ID, STORY.FIRST_SEEN_AT, STORY.LAST_ITEM_AT,
              STORY.ITEM_COUNT)
          .select(tx.select(ITEM.ID, ITEM.FIRST_SEEN_AT, ITEM.FIRST_SEEN_AT, DSL.inline(1))
              .from(ITEM).where(ITEM.ID.in(fresh)))
          .execute();
      tx.update(ITEM.join(STORY).on(STORY.FIRST_ITEM_ID.eq(ITEM.ID)))
          .set(ITEM.STORY_ID, STORY.ID).where(ITEM.ID.in(fresh)).execute();
    }
    if (!joiningNew.isEmpty()) {
      Set<Long> stories = new LinkedHashSet<>();
      joiningNew.forEach((first, ids) -> {
        long story = tx.select(STORY.ID).from(STORY)
            .where(STORY.FIRST_ITEM_ID.eq(items.get(first).itemId())).fetchOne(STORY.ID);
        tx.update(ITEM).set(ITEM.STORY_ID, story).where(ITEM.ID.in(ids)).execute();
        stories.add(story);
      });
      refresh(tx, stories);
    }
  }

  /**
   * A story gained items and lost none: its count and last time change in place, so a join
   * costs the same however large the story. Only an item seen before the story's first one
   * (a late placement) recomputes it.
   */
  private static void grow(DSLContext tx, long story, List<StoryPlacer.Pending> joiners) {
    Instant earliest = joiners.stream().map(StoryPlacer.Pending::seenAt).min(Instant::compareTo).orElseThrow();
    Instant latest = joiners.stream().map(StoryPlacer.Pending::seenAt).max(Instant::compareTo).orElseThrow();
    int updated = tx.update(STORY)
        .set(STORY.ITEM_COUNT, STORY.ITEM_COUNT.plus(joiners.size()))
        .set(STORY.LAST_ITEM_AT, DSL.greatest(STORY.LAST_ITEM_AT, DSL.val(Times.utc(latest))))
        .where(STORY.ID.eq(story)).and(STORY.FIRST_SEEN_AT.lt(Times.utc(earliest)))
        .execute();
    if (updated == 0) {
      refresh(tx, List.of(story));
    }
  }

  private static int storySize(DSLContext tx, long story) {
    Integer n = tx.select(STORY.ITEM_COUNT).from(STORY).where(STORY.ID.eq(story))
        .fetchOne(STORY.ITEM_COUNT);
    return n == null ? 0 : n;
  }

  /**
   * Makes the stories agree with their items again: deleted when empty, else count, first item
   * (the earliest seen) and times recomputed. Cost is that of the stories' own items.
   */
  static void refresh(DSLContext tx, Collection<Long> stories) {
    if (stories.isEmpty()) {
      return;
    }
    List<Long> ids = List.copyOf(new TreeSet<>(stories));
    tx.deleteFrom(STORY).where(STORY.ID.in(ids))
        .andNotExists(DSL.selectOne().from(ITEM).where(ITEM.STORY_ID.eq(STORY.ID))).execute();
    var i = ITEM.as("i");
    tx.update(STORY)
        .set(STORY.ITEM_COUNT, DSL.field(DSL.selectCount().from(i)
            .where(i.STORY_ID.eq(STORY.ID))))
        .set(STORY.FIRST_ITEM_ID, DSL.field(DSL.select(i.ID).from(i)
            .where(i.STORY_ID.eq(STORY.ID)).orderBy(i.FIRST_SEEN_AT, i.ID).limit(1)))
        .set(STORY.FIRST_SEEN_AT, DSL.field(DSL.select(DSL.min(i.FIRST_SEEN_AT)).from(i)
            .where(i.STORY_ID.eq(STORY.ID))))
        .set(STORY.LAST_ITEM_AT, DSL.field(DSL.select(DSL.max(i.FIRST_SEEN_AT)).from(i)
            .where(i.STORY_ID.eq(STORY.ID))))
        .where(STORY.ID.in(ids)).execute();
  }
}
