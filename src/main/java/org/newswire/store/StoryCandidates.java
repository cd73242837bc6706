package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;
import static org.newswire.store.generated.Tables.STORY_KEY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * Candidates for story placement, from the key index ({@code story_key}): per item, the items
 * of the window sharing the most of its keys, with their stories and evidence. Reads are
 * bounded per key and per item, so a look-up costs the same however large the archive.
 */
final class StoryCandidates {
  /** Newest index rows read per key: bounds a look-up however busy a key is. */
  static final int PER_KEY = 16;
  /** Candidates judged per item at most: those sharing the most keys. */
  static final int MAX_CANDIDATES = 24;

  /** A stored item that may tell the same story; no story while its placement is queued. */
  record Candidate(long itemId, Optional<Long> storyId, byte[] evidence) {}

  private StoryCandidates() {}

  /** Keys looked up per statement: a few hundred subqueries, far below the packet limit. */
  private static final int KEYS_PER_STATEMENT = 400;

  /**
   * Per item, the items sharing the most keys with it (newest index rows only, within the
   * window; those of the batch left out, they are matched among themselves). Every key of the
   * batch is read once, and all candidates' evidence in one go: a few statements per batch,
   * not two per item.
   */
  static List<List<Candidate>> of(DSLContext dsl, List<StoryPlacer.Pending> items,
      Instant from, Instant to, Set<Long> batch) {
    TreeSet<Long> keys = new TreeSet<>();
    items.forEach(p -> java.util.Arrays.stream(p.input().keys()).forEach(keys::add));
    Map<Long, List<Long>> rows = new HashMap<>();
    List<Long> all = List.copyOf(keys);
    for (int at = 0; at < all.size(); at += KEYS_PER_STATEMENT) {
      List<Long> some = all.subList(at, Math.min(all.size(), at + KEYS_PER_STATEMENT));
      keyRows(dsl, some, from, to).forEach((k, ids) -> ids.stream().filter(id -> !batch.contains(id))
          .forEach(id -> rows.computeIfAbsent(k, x -> new ArrayList<>()).add(id)));
    }
    List<List<Long>> chosen = new ArrayList<>();
    Set<Long> wanted = new HashSet<>();
    for (StoryPlacer.Pending p : items) {
      Map<Long, Integer> shared = new HashMap<>();
      for (long k : p.input().keys()) {
        rows.getOrDefault(k, List.of()).forEach(id -> shared.merge(id, 1, Integer::sum));
      }
      List<Long> ids = shared.keySet().stream()
          .sorted((a, b) -> shared.get(b).equals(shared.get(a)) ? Long.compare(b, a)
              : Integer.compare(shared.get(b), shared.get(a)))
          .limit(MAX_CANDIDATES).toList();
      chosen.add(ids);
      wanted.addAll(ids);
    }
    Map<Long, Candidate> found = new HashMap<>();
    List<Long> ids = List.copyOf(wanted);
    for (int at = 0; at < ids.size(); at += 1000) {
      dsl.select(ITEM.ID, ITEM.STORY_ID, ITEM.STORY_EVIDENCE).from(ITEM)
          .where(ITEM.ID.in(ids.subList(at, Math.min(ids.size(), at + 1000))))
          .and(ITEM.STORY_EVIDENCE.isNotNull())
          .forEach(r -> found.put(r.value1(),
              new Candidate(r.value1(), Optional.ofNullable(r.value2()), r.value3())));
    }
    List<List<Candidate>> out = new ArrayList<>();
    for (List<Long> c : chosen) {
      out.add(c.stream().map(found::get).filter(java.util.Objects::nonNull).toList());
    }
    return out;
  }

  /**
   * The newest {@link #PER_KEY} index rows of each key seen within the window up to
   * {@code to} (the placement's now: of two items placed at once, the later one sees the earlier
   * one, and a replay of history sees no item of its future). One multi-range read
   * answers when the keys are quiet; when it would return more than {@link #PER_KEY} rows per
   * key on average (busy keys), each key is read with its own limit instead, so the cost stays
   * bounded either way.
   */
  private static Map<Long, List<Long>> keyRows(DSLContext dsl, List<Long> keys, Instant from,
      Instant to) {
    int cap = keys.size() * PER_KEY;
    // No ORDER BY: the limit then bounds the rows read, and when it is not reached every row
    // of these keys is here, so the newest per key (the highest item ids) are picked below.
    var quiet = dsl.select(STORY_KEY.KEY_HASH, STORY_KEY.ITEM_ID).from(STORY_KEY)
        .where(STORY_KEY.KEY_HASH.in(keys))
        .and(STORY_KEY.SEEN_AT.between(Times.utc(from), Times.utc(to)))
        .limit(cap + 1).fetch();
    Map<Long, List<Long>> out = new HashMap<>();
    if (quiet.size() <= cap) {
      quiet.forEach(r -> out.computeIfAbsent(r.value1(), x -> new ArrayList<>()).add(r.value2()));
      out.replaceAll((k, ids) -> ids.size() <= PER_KEY ? ids
          : ids.stream().sorted(java.util.Comparator.reverseOrder()).limit(PER_KEY).toList());
      return out;
    }
    StringBuilder sql = new StringBuilder();
    List<Object> binds = new ArrayList<>();
    for (long k : keys) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("(SELECT key_hash, item_id FROM story_key WHERE key_hash = ?"
          + " AND seen_at BETWEEN ? AND ? ORDER BY seen_at DESC LIMIT " + PER_KEY + ")");
      binds.add(k);
      binds.add(Times.utc(from));
      binds.add(Times.utc(to));
    }
    dsl.fetch(sql.toString(), binds.toArray()).forEach(r -> out.computeIfAbsent(
        r.get(0, Long.class), x -> new ArrayList<>()).add(r.get(1, Long.class)));
    return out;
  }

}
