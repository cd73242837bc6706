package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.STORY;
import static org.newswire.store.generated.Tables.STORY_KEY;
import static org.newswire.store.generated.Tables.STORY_KEY_LOCK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Places items in stories inside the caller's transaction: locks the items' candidate keys,
 * reads candidates from the key index, lets the {@link StoryRules#judge() judge} decide, and
 * writes the stories, keeping every story's first item, count and times consistent.
 *
 * <p>Concurrency is the database's: the keys are locked (one row each in
 * {@code story_key_lock}, in ascending order) before candidates are read, so a second process
 * placing a copy of the same story waits for the first to commit and then finds its story.
 */
final class StoryPlacer {
  /** Newest index rows read per key: bounds a look-up however busy a key is. */
  static final int PER_KEY = 16;
  /** Candidates judged per item at most: those sharing the most keys. */
  static final int MAX_CANDIDATES = 24;

  private StoryPlacer() {}

  /**
   * An item to place: {@code seenAt} its first-seen time (the index's time), {@code current}
   * the story it is in already (the article path), {@code input} empty for a story of its own.
   */
  record Pending(long itemId, Instant seenAt, Optional<Long> current, StoryInput input) {}

  private record Candidate(long itemId, long storyId, byte[] evidence) {}

  /** Places {@code items} in order; later items see earlier ones of the same call. */
  static void place(DSLContext tx, List<Pending> items, StoryRules rules, Instant now) {
    if (items.isEmpty()) {
      return;
    }
    TreeSet<Long> keys = new TreeSet<>();
    items.forEach(p -> java.util.Arrays.stream(p.input().keys()).forEach(keys::add));
    lock(tx, keys, now.plus(rules.window()));
    Instant from = now.minus(rules.window());
    // Where each item goes: an existing story's id, or (negative) -1 - index of the item of
    // this call whose new story it joins.
    long[] target = new long[items.size()];
    Map<Long, List<Integer>> localKeys = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Pending p = items.get(i);
      target[i] = -1 - i;
      double best = Double.NEGATIVE_INFINITY;
      if (p.input().keys().length > 0) {
        for (Candidate c : candidates(tx, p.input().keys(), from, p.itemId())) {
          OptionalDouble s = rules.judge().same(p.input().evidence(), c.evidence());
          if (s.isPresent() && s.getAsDouble() > best) {
            best = s.getAsDouble();
            target[i] = c.storyId();
          }
        }
        Set<Integer> earlier = new LinkedHashSet<>();
        for (long k : p.input().keys()) {
          earlier.addAll(localKeys.getOrDefault(k, List.of()));
        }
        for (int j : earlier) {
          OptionalDouble s = rules.judge().same(p.input().evidence(),
              items.get(j).input().evidence());
          if (s.isPresent() && s.getAsDouble() > best) {
            best = s.getAsDouble();
            target[i] = target[j];
          }
        }
        for (long k : p.input().keys()) {
          localKeys.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        }
      }
    }
    write(tx, items, target);
    index(tx, items, rules, now);
  }

  private static void lock(DSLContext tx, TreeSet<Long> keys, Instant keepUntil) {
    if (keys.isEmpty()) {
      return;
    }
    // One statement, rows in ascending key order: every writer takes its locks in one order.
    var insert = tx.insertInto(STORY_KEY_LOCK, STORY_KEY_LOCK.KEY_HASH, STORY_KEY_LOCK.KEEP_UNTIL);
    for (long k : keys) {
      insert = insert.values(k, Times.utc(keepUntil));
    }
    insert.onDuplicateKeyUpdate().set(STORY_KEY_LOCK.KEEP_UNTIL,
        DSL.greatest(STORY_KEY_LOCK.KEEP_UNTIL, DSL.excluded(STORY_KEY_LOCK.KEEP_UNTIL)))
        .execute();
  }

  /** The items sharing the most keys with this one, newest index rows only, within the window. */
  private static List<Candidate> candidates(DSLContext tx, long[] keys, Instant from, long self) {
    StringBuilder sql = new StringBuilder();
    List<Object> binds = new ArrayList<>();
    for (long k : keys) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("(SELECT item_id FROM story_key WHERE key_hash = ? AND seen_at >= ?"
          + " ORDER BY seen_at DESC LIMIT " + PER_KEY + ")");
      binds.add(k);
      binds.add(Times.utc(from));
    }
    Map<Long, Integer> shared = new HashMap<>();
    tx.fetch(sql.toString(), binds.toArray()).forEach(r -> {
      long id = r.get(0, Long.class);
      if (id != self) {
        shared.merge(id, 1, Integer::sum);
      }
    });
    if (shared.isEmpty()) {
      return List.of();
    }
    List<Long> ids = shared.keySet().stream()
        .sorted((a, b) -> shared.get(b).equals(shared.get(a)) ? Long.compare(b, a)
            : Integer.compare(shared.get(b), shared.get(a)))
        .limit(MAX_CANDIDATES).toList();
    return tx.select(ITEM.ID, ITEM.STORY_ID, ITEM.STORY_EVIDENCE).from(ITEM)
        .where(ITEM.ID.in(ids)).and(ITEM.STORY_ID.isNotNull())
        .and(ITEM.STORY_EVIDENCE.isNotNull())
        .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3()));
  }

  private static void write(DSLContext tx, List<Pending> items, long[] target) {
    Set<Long> left = new LinkedHashSet<>();
    Set<Long> joined = new LinkedHashSet<>();
    List<Long> fresh = new ArrayList<>();
    Map<Long, List<Long>> joining = new HashMap<>();
    Map<Integer, List<Long>> joiningNew = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Pending p = items.get(i);
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
    List<Long> leaving = new ArrayList<>(fresh);
    joiningNew.values().forEach(leaving::addAll);
    if (!leaving.isEmpty()) {
      // Out of their old stories first: a story's first item is unique to it.
      tx.update(ITEM).set(ITEM.STORY_ID, (Long) null).where(ITEM.ID.in(leaving)).execute();
    }
    joining.forEach((story, ids) -> tx.update(ITEM).set(ITEM.STORY_ID, story)
        .where(ITEM.ID.in(ids)).execute());
    // The stories items left first: an item that was its old story's first item must be
    // replaced there before it can be another story's first (first_item_id is unique).
    left.removeAll(joined);
    refresh(tx, left);
    refresh(tx, joined);
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

  /** Replaces the items' index rows by their current keys. */
  private static void index(DSLContext tx, List<Pending> items, StoryRules rules, Instant now) {
    List<Long> reindexed = items.stream().filter(p -> p.current().isPresent())
        .map(Pending::itemId).toList();
    if (!reindexed.isEmpty()) {
      tx.deleteFrom(STORY_KEY).where(STORY_KEY.ITEM_ID.in(reindexed)).execute();
    }
    var insert = tx.insertInto(STORY_KEY, STORY_KEY.KEY_HASH, STORY_KEY.SEEN_AT,
        STORY_KEY.ITEM_ID, STORY_KEY.KEEP_UNTIL);
    boolean any = false;
    for (Pending p : items) {
      var keepUntil = Times.utc(p.seenAt().plus(rules.window()));
      for (long k : p.input().keys()) {
        insert = insert.values(k, Times.utc(p.seenAt()), p.itemId(), keepUntil);
        any = true;
      }
    }
    if (any) {
      insert.onDuplicateKeyIgnore().execute();
    }
  }
}
