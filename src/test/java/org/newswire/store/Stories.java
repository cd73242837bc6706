package org.newswire.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.newswire.dedup.Identities;

/**
 * Stands in for story assignment in tests of the read side (the merged feed, the story pages):
 * writes {@code story} rows and {@code item.story_id} over JDBC the way assignment leaves them
 * (the story's first item is its earliest seen; {@code last_item_at} and {@code item_count}
 * follow each join), so these tests do not depend on how assignment decides. Items stored by
 * code that assigns no story keep {@code story_id} NULL, which the read side must also handle.
 */
public final class Stories {
  private Stories() {}

  /** The row id of {@code sourceId}'s item written with {@link Items#item(String) item(key)}. */
  public static long itemId(Database db, String sourceId, String key) {
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement s = c.prepareStatement(
             "SELECT id FROM item WHERE source_id = ? AND identity_hash = ?")) {
      s.setString(1, sourceId);
      s.setString(2, Identities.sha256("guid:" + key));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no item " + sourceId + "/" + key);
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes {@code first} a story (its own, if assignment already gave it one) and joins
   * {@code others} to it, in order; returns the story's id.
   */
  public static long story(Database db, long first, long... others) {
    try (Connection c = db.dataSource().getConnection()) {
      long story;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT story_id FROM item WHERE id = ? AND story_id IS NOT NULL")) {
        s.setLong(1, first);
        try (ResultSet rs = s.executeQuery()) {
          story = rs.next() ? rs.getLong(1) : 0;
        }
      }
      if (story == 0) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO story (first_item_id,"
            + " first_seen_at, last_item_at, item_count) SELECT id, first_seen_at,"
            + " first_seen_at, 1 FROM item WHERE id = ?", Statement.RETURN_GENERATED_KEYS)) {
          s.setLong(1, first);
          s.executeUpdate();
          try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            story = keys.getLong(1);
          }
        }
        setStory(c, first, story);
      }
      for (long item : others) {
        join(c, story, item);
      }
      return story;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code item} joins {@code story}: a later agency's report of it. */
  public static void join(Database db, long story, long item) {
    try (Connection c = db.dataSource().getConnection()) {
      join(c, story, item);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void join(Connection c, long story, long item) throws SQLException {
    setStory(c, item, story);
    try (PreparedStatement s = c.prepareStatement("UPDATE story s JOIN item i ON i.id = ?"
        + " SET s.last_item_at = GREATEST(s.last_item_at, i.first_seen_at),"
        + " s.item_count = s.item_count + 1 WHERE s.id = ?")) {
      s.setLong(1, item);
      s.setLong(2, story);
      s.executeUpdate();
    }
  }

  private static void setStory(Connection c, long item, long story) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE item SET story_id = ? WHERE id = ?")) {
      s.setLong(1, story);
      s.setLong(2, item);
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("no item row " + item);
      }
    }
  }
}
