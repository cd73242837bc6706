package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.STORY_EVIDENCE;
import static org.newswire.store.generated.Tables.STORY_PENDING;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Places items in stories, in two steps. {@link #queue} runs in the transaction that stores
 * the items: it indexes their candidate keys and queues them in {@code story_pending}.
 * {@link #placeQueued} runs after that commit: it reads candidates from the key index and lets
 * the {@link StoryRules#judge() judge} decide with no lock held, then applies that plan in a
 * short transaction of its own; {@link StoryWrites} keeps every story's first item, count and
 * times consistent.
 *
 * <p>Why two steps: two processes storing two copies of one story at the same instant must make
 * one story. Each copy's keys are committed before its placement reads candidates, so whichever
 * copy reads second sees the other. When the other is still queued (its placement runs too),
 * its {@code story_pending} row is locked and, if it is still there, placed here with this
 * item; its own placement then finds its row gone and plans again. No lock is held for a whole poll, so polls
 * whose items merely share common keys never wait for each other; only placements of items
 * that the judge calls one story do, briefly.
 */
final class StoryPlacer {
  /** A queued item this old has lost its placement (crash, outage): a later one places it. */
  static final Duration LEFT_OVER = Duration.ofMinutes(1);
  /** Left-over items placed after one placement at most. */
  static final int LEFT_OVER_BATCH = 50;
  /**
   * How often (in poll time) a placement looks for left-overs: the look is a statement of its
   * own, and most polls store nothing, so looking after each one was a third of a poll's cost.
   */
  static final Duration SWEEP_EVERY = Duration.ofSeconds(15);

  private StoryPlacer() {}

  /**
   * An item to place: {@code seenAt} its first-seen time (the index's time), {@code current}
   * the story it is in already (an article arrived, an edit), {@code input} its evidence and
   * keys (no keys: a story of its own).
   */
  record Pending(long itemId, Instant seenAt, Optional<Long> current, StoryInput input) {}

  /**
   * Step one, in the storing transaction: indexes the items' keys and keeps their evidence
   * and queues them for {@link #placeQueued}. Those of {@code again} were queued before (an
   * edit, an article; placed by now or still queued): the keys and evidence they were queued
   * with go first.
   */
  static void queue(DSLContext tx, List<Pending> items, Set<Long> again) {
    if (items.isEmpty()) {
      return;
    }
    // Their rows are locked (the caller wrote or locked the item rows), so no other
    // transaction re-indexes them between the read of their old keys and the new ones' write.
    StoryIndex.delete(tx, items.stream().map(Pending::itemId).filter(again::contains).toList());
    StoryIndex.write(tx, items);
    // The database's clock: left-overs are told by how long ago the row was written.
    var written = DSL.field("UTC_TIMESTAMP(6)", STORY_PENDING.QUEUED_AT.getDataType());
    var queued = tx.insertInto(STORY_PENDING, STORY_PENDING.ITEM_ID, STORY_PENDING.QUEUED_AT);
    for (Pending p : items) {
      queued = queued.values(DSL.val(p.itemId()), written);
    }
    queued.onDuplicateKeyUpdate().set(STORY_PENDING.QUEUED_AT, written).execute();
  }

  /**
   * New items without candidate keys (stories off, a source with {@code stories: false}, no
   * text to match) get a story each in the storing transaction: no item can find them, nor
   * they another, so they need no queue and no placement of their own.
   */
  static void placeAlone(DSLContext tx, List<Pending> items) {
    if (items.isEmpty()) {
      return;
    }
    long[] own = new long[items.size()];
    for (int i = 0; i < own.length; i++) {
      own[i] = -1L - i;
    }
    StoryWrites.write(tx, items, own);
  }

  /**
   * Step two, after the items' transaction committed: places those of {@code queued} (as
   * {@link #queue} was given them) still queued (another process may have placed some), then,
   * when {@code sweep}, up to {@link #LEFT_OVER_BATCH} items whose placement was lost; returns
   * whether it found that many (more are likely left: the next poll should look again). The
   * items may be several polls' ({@link CombinedPlacements}), stored from {@code earliest} to
   * {@code latest}: the window reaches back from the earliest and forward to the latest.
   */
  static boolean placeQueued(DSLContext dsl, List<Pending> queued, StoryRules rules,
      Instant earliest, Instant latest, boolean sweep) {
    List<Pending> sorted = new ArrayList<>(queued);
    sorted.sort((a, b) -> Long.compare(a.itemId(), b.itemId()));
    place(dsl, sorted, rules, earliest, latest);
    if (!sweep) {
      return false;
    }
    List<Long> left = dsl.select(STORY_PENDING.ITEM_ID).from(STORY_PENDING)
        .where(STORY_PENDING.QUEUED_AT.lt(DSL.field(
            "UTC_TIMESTAMP(6) - INTERVAL " + LEFT_OVER.toSeconds() + " SECOND",
            STORY_PENDING.QUEUED_AT.getDataType())))
        .orderBy(STORY_PENDING.QUEUED_AT, STORY_PENDING.ITEM_ID).limit(LEFT_OVER_BATCH)
        .fetch(STORY_PENDING.ITEM_ID);
    if (!left.isEmpty()) {
      place(dsl, load(dsl, left), rules, latest, latest);
    }
    return left.size() == LEFT_OVER_BATCH;
  }

  /**
   * Plans without locks (candidates read and judged), then applies the plan in a short
   * transaction. Planned again, from the store: the items the plan put with one that another
   * placement took meanwhile, or all when their evidence was replaced meanwhile.
   */
  private static void place(DSLContext dsl, List<Pending> items, StoryRules rules,
      Instant earliest, Instant latest) {
    List<Pending> next = items;
    for (int round = 0; round < 3 && !next.isEmpty(); round++) {
      PlacementPlan plan = plan(dsl, next, rules, earliest, latest);
      List<Long> again = Transactions.retryingDeadlocks(dsl, tx -> apply(tx, plan));
      next = again.isEmpty() ? List.of() : load(dsl, again);
    }
  }

  private static PlacementPlan plan(DSLContext dsl, List<Pending> items, StoryRules rules,
      Instant earliest, Instant latest) {
    Instant from = earliest.minus(rules.window());
    Instant clock = rules.clock().instant();
    Instant to = clock.isAfter(latest) ? clock : latest;
    Set<Long> batch = new HashSet<>();
    items.forEach(p -> batch.add(p.itemId()));
    List<List<StoryCandidates.Candidate>> candidates =
        StoryCandidates.of(dsl, items, from, to, batch);
    // Judged on their evidence alone; the stories of the few that match are read after.
    List<List<PlacementPlan.Queued>> matches = new ArrayList<>();
    Set<Long> matched = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      List<PlacementPlan.Queued> same = new ArrayList<>();
      if (items.get(i).input().keys().length > 0) {
        for (StoryCandidates.Candidate c : candidates.get(i)) {
          OptionalDouble s = rules.judge().same(items.get(i).input().evidence(), c.evidence());
          if (s.isPresent()) {
            same.add(new PlacementPlan.Queued(c.itemId(), s.getAsDouble(), c.evidence()));
            matched.add(c.itemId());
          }
        }
      }
      matches.add(same);
    }
    Map<Long, Optional<Long>> stories = StoryCandidates.storiesOf(dsl, matched);
    long[] target = new long[items.size()];
    double[] best = new double[items.size()];
    Map<Integer, List<PlacementPlan.Queued>> queued = new HashMap<>();
    Map<Long, List<Integer>> localKeys = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Pending p = items.get(i);
      target[i] = -1L - i;
      best[i] = Double.NEGATIVE_INFINITY;
      if (p.input().keys().length == 0) {
        continue;
      }
      for (PlacementPlan.Queued m : matches.get(i)) {
        Optional<Long> story = stories.get(m.itemId());
        if (story == null) {
          continue; // deleted meanwhile (retention, purge)
        }
        if (story.isEmpty()) {
          queued.computeIfAbsent(i, x -> new ArrayList<>()).add(m);
        } else if (m.score() > best[i]) {
          best[i] = m.score();
          target[i] = story.get();
        }
      }
      Set<Integer> earlier = new LinkedHashSet<>();
      for (long k : p.input().keys()) {
        earlier.addAll(localKeys.getOrDefault(k, List.of()));
      }
      for (int j : earlier) {
        OptionalDouble s = rules.judge().same(p.input().evidence(),
            items.get(j).input().evidence());
        if (s.isPresent() && s.getAsDouble() > best[i]) {
          best[i] = s.getAsDouble();
          target[i] = target[j];
        }
      }
      for (long k : p.input().keys()) {
        localKeys.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    return new PlacementPlan(items, target, best, queued);
  }

  /**
   * Locks the items' queue rows and applies the plan; returns the items to plan again (those
   * the plan put with an item another placement took meanwhile, or all when their evidence was
   * replaced), else none. A matching candidate still queued is waited for: when its placement
   * committed meanwhile it is an ordinary candidate, else its row is taken here and it joins
   * the item that found it (its own placement finds no row).
   */
  private static List<Long> apply(DSLContext tx, PlacementPlan asPlanned) {
    List<Long> ids = asPlanned.items().stream().map(Pending::itemId).toList();
    // Ascending, in one statement: two placements lock their own rows in one order.
    List<Long> held = tx.select(STORY_PENDING.ITEM_ID).from(STORY_PENDING)
        .where(STORY_PENDING.ITEM_ID.in(ids)).orderBy(STORY_PENDING.ITEM_ID).forUpdate()
        .fetch(STORY_PENDING.ITEM_ID);
    PlacementPlan plan = asPlanned;
    List<Long> later = List.of();
    if (held.size() < ids.size()) {
      PlacementPlan.Retained r = asPlanned.retained(new HashSet<>(held));
      plan = r.plan();
      later = r.later();
    }
    if (plan.items().isEmpty()) {
      return later;
    }
    if (!planned(tx, plan.items())) {
      return held;
    }
    List<Pending> items = new ArrayList<>(plan.items());
    List<Long> target = new ArrayList<>();
    for (long t : plan.target()) {
      target.add(t);
    }
    Set<Long> inBatch = new HashSet<>(ids);
    for (int i = 0; i < plan.items().size(); i++) {
      List<Pending> taken = new ArrayList<>();
      double best = plan.best()[i];
      for (PlacementPlan.Queued q : plan.queued().getOrDefault(i, List.of())) {
        if (inBatch.contains(q.itemId())) {
          continue; // taken by an earlier item of this batch
        }
        Optional<Pending> other = take(tx, q.itemId());
        if (other.isPresent() && !java.util.Arrays.equals(other.get().input().evidence(),
            q.evidence())) {
          // Its evidence was replaced since it was judged (an article, an edit): it is left
          // queued for its own placement, which judges the new text (and finds this item).
          continue;
        }
        if (other.isPresent()) {
          taken.add(other.get());
          inBatch.add(q.itemId());
        } else {
          Optional<Long> story = currentStory(tx, q.itemId());
          if (story.isPresent() && q.score() > best) {
            best = q.score();
            target.set(i, story.get());
          }
        }
      }
      for (Pending t : taken) {
        items.add(t);
        target.add(target.get(i));
      }
    }
    StoryWrites.write(tx, items, target.stream().mapToLong(Long::longValue).toArray());
    unqueue(tx, items.stream().map(Pending::itemId).toList());
    return later;
  }

  /**
   * Deletes the queue rows of {@code ids}, reading only those rows. The queue is a small table,
   * and for a list that is a fair part of it MariaDB chose to scan it whole. A delete waits for
   * every row it reads that another transaction holds, matching or not (under read committed
   * only an UPDATE reads past such rows), so concurrent placements, each holding its own rows,
   * waited for each other and deadlocked (four placements of 50 items given up in a
   * 500,000-item cold start).
   * Ordered by the key, the delete reads the listed rows through the primary key.
   */
  static void unqueue(DSLContext tx, java.util.Collection<Long> ids) {
    if (!ids.isEmpty()) {
      tx.deleteFrom(STORY_PENDING).where(STORY_PENDING.ITEM_ID.in(ids))
          .orderBy(STORY_PENDING.ITEM_ID).limit(ids.size()).execute();
    }
  }

  /**
   * Whether the items' stored evidence is still the evidence they were planned with. An article
   * or an edit queued meanwhile (its transaction committed between this plan and its lock)
   * replaced it: planned on the old, the item would be placed by text it no longer has, and the
   * replacement's own placement would find its queue row gone. Read once the queue rows are
   * locked, so a replacement that commits later waits for them and is placed by its own
   * placement.
   */
  private static boolean planned(DSLContext tx, List<Pending> items) {
    Map<Long, byte[]> stored = new HashMap<>();
    tx.select(STORY_EVIDENCE.ITEM_ID, STORY_EVIDENCE.EVIDENCE).from(STORY_EVIDENCE)
        .where(STORY_EVIDENCE.ITEM_ID.in(items.stream().map(Pending::itemId).toList()))
        .forEach(r -> stored.put(r.value1(), r.value2()));
    for (Pending p : items) {
      // Only items with keys keep evidence (queue), and load() reads none for the others.
      byte[] expected = p.input().keys().length > 0 ? p.input().evidence() : new byte[0];
      if (!java.util.Arrays.equals(expected, stored.getOrDefault(p.itemId(), new byte[0]))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Locks another placement's queued item; empty when that placement committed first (or the
   * item is gone). Waits while that placement's transaction runs.
   */
  private static Optional<Pending> take(DSLContext tx, long itemId) {
    boolean queued = tx.select(STORY_PENDING.ITEM_ID).from(STORY_PENDING)
        .where(STORY_PENDING.ITEM_ID.eq(itemId)).forUpdate().fetchOptional().isPresent();
    return queued ? load(tx, List.of(itemId)).stream().findFirst() : Optional.empty();
  }

  private static Optional<Long> currentStory(DSLContext tx, long itemId) {
    return tx.select(ITEM.STORY_ID).from(ITEM).where(ITEM.ID.eq(itemId))
        .fetchOptional(ITEM.STORY_ID);
  }

  /**
   * The queued items as stored, in id order, with their indexed keys; the rows of items
   * deleted meanwhile (retention, purge) are dropped.
   */
  private static List<Pending> load(DSLContext tx, List<Long> ids) {
    List<Pending> out = tx.select(ITEM.ID, ITEM.FIRST_SEEN_AT, ITEM.STORY_ID,
            STORY_EVIDENCE.EVIDENCE, STORY_EVIDENCE.KEY_HASHES)
        .from(ITEM).leftJoin(STORY_EVIDENCE).on(STORY_EVIDENCE.ITEM_ID.eq(ITEM.ID))
        .where(ITEM.ID.in(ids)).orderBy(ITEM.ID)
        .fetch(r -> new Pending(r.value1(), Times.instant(r.value2()),
            Optional.ofNullable(r.value3()), new StoryInput(
                Optional.ofNullable(r.value4()).orElse(new byte[0]),
                StoryIndex.keysOf(Optional.ofNullable(r.value5()).orElse(new byte[0])), new long[0])));
    if (out.size() < ids.size()) {
      Set<Long> found = new HashSet<>();
      out.forEach(p -> found.add(p.itemId()));
      unqueue(tx, ids.stream().filter(id -> !found.contains(id)).toList());
    }
    return out;
  }
}
