package org.newswire.store;

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
 * of the window sharing the most of its keys, with their evidence ({@code story_evidence}). Reads are
 * bounded per key and per item, so a look-up costs the same however large the archive.
 */
final class StoryCandidates {
  /** Newest index rows read per key: bounds a look-up however busy a key is. */
  static final int PER_KEY = 16;
  /** Candidates judged per item at most: those sharing the most keys. */
  static final int MAX_CANDIDATES = 24;

  /** A stored item that may tell the same story, with its evidence. */
  record Candidate(long itemId, byte[] evidence) {}

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
      List<Long> some = ids.subList(at, Math.min(ids.size(), at + 1000));
      ReadStatement.query(dsl, "SELECT item_id, evidence FROM story_evidence WHERE item_id IN ("
          + marks(some.size()) + ")", some.toArray(),
          rs -> found.put(rs.getLong(1), new Candidate(rs.getLong(1), rs.getBytes(2))));
    }
    List<List<Candidate>> out = new ArrayList<>();
    for (List<Long> c : chosen) {
      out.add(c.stream().map(found::get).filter(java.util.Objects::nonNull).toList());
    }
    return out;
  }

  /**
   * The stories of stored items, by item id: empty while an item's placement is queued; items
   * deleted meanwhile are absent.
   */
  static Map<Long, Optional<Long>> storiesOf(DSLContext dsl, Set<Long> itemIds) {
    Map<Long, Optional<Long>> out = new HashMap<>();
    List<Long> ids = List.copyOf(itemIds);
    for (int at = 0; at < ids.size(); at += 1000) {
      List<Long> some = ids.subList(at, Math.min(ids.size(), at + 1000));
      ReadStatement.query(dsl,
          "SELECT id, story_id FROM item WHERE id IN (" + marks(some.size()) + ")",
          some.toArray(), rs -> {
            long story = rs.getLong(2);
            Optional<Long> storyId = rs.wasNull() ? Optional.empty() : Optional.of(story);
            out.put(rs.getLong(1), storyId);
          });
    }
    return out;
  }

  private static String marks(int n) {
    return "?,".repeat(n - 1) + "?";
  }

  /**
   * The newest {@link #PER_KEY} index rows (highest item ids: ids follow first-seen order) of
   * each key seen within the window up to
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
    Object[] binds = new Object[keys.size() + 2];
    keys.toArray(binds);
    binds[keys.size()] = Times.utc(from);
    binds[keys.size() + 1] = Times.utc(to);
    Map<Long, List<Long>> quiet = new HashMap<>();
    int[] rows = new int[1];
    // The key table's only index is its primary key: the plan is fixed, so no value's rows
    // need counting first.
    ReadStatement.query(dsl, ReadStatement.fromStatistics(
        "SELECT key_hash, item_id FROM story_key WHERE key_hash IN (" + marks(keys.size())
        + ") AND seen_at BETWEEN ? AND ? LIMIT " + (cap + 1)), binds, rs -> {
          rows[0]++;
          quiet.computeIfAbsent(rs.getLong(1), x -> new ArrayList<>()).add(rs.getLong(2));
        });
    if (rows[0] <= cap) {
      quiet.replaceAll((k, ids) -> ids.size() <= PER_KEY ? ids
          : ids.stream().sorted(java.util.Comparator.reverseOrder()).limit(PER_KEY).toList());
      return quiet;
    }
    Map<Long, List<Long>> out = new HashMap<>();
    StringBuilder sql = new StringBuilder();
    List<Object> perKey = new ArrayList<>();
    for (long k : keys) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("(SELECT key_hash, item_id FROM story_key WHERE key_hash = ?"
          + " AND seen_at BETWEEN ? AND ? ORDER BY item_id DESC LIMIT " + PER_KEY + ")");
      perKey.add(k);
      perKey.add(Times.utc(from));
      perKey.add(Times.utc(to));
    }
    ReadStatement.query(dsl, ReadStatement.fromStatistics(sql.toString()), perKey.toArray(),
        rs -> out.computeIfAbsent(rs.getLong(1), x -> new ArrayList<>()).add(rs.getLong(2)));
    return out;
  }

}
