package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.TestDatabases.one;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;

/** A database of the release before stories (V3) gets a story for every item by V4. */
class StoryMigrationTest {
  private static DbSettings settings;

  @BeforeAll
  static void v3Database() throws SQLException {
    // Two sources' items with one canonical URL (one entry in the merged feed before), and
    // two items of their own.
    settings = TestDatabases.atVersion("3", java.util.stream.Stream.of(new String[][] {
        {"kabar", "a", "'c1'", "2024-03-01 10:00:00"},
        {"akipress", "b", "'c1'", "2024-03-01 09:00:00"},
        {"kabar", "c", "'c2'", "2024-03-01 11:00:00"},
        {"24kg", "d", "NULL", "2024-03-01 12:00:00"}})
        .map(row -> "INSERT INTO item (source_id, identity_hash, identity_kind,"
            + " canonical_url_hash, title, content_hash, published_at, first_seen_at) VALUES ('"
            + row[0] + "', '" + row[1] + "', 'guid', " + row[2] + ", 'Новость " + row[1]
            + "', 'h', '" + row[3] + "', '" + row[3] + "')")
        .toArray(String[]::new));
  }

  @AfterAll
  static void drop() {
    TestDatabases.drop(settings);
  }

  @Test
  void everyItemGetsAStoryAndOneCanonicalUrlIsOneStory() throws SQLException {
    try (Database db = Database.open(settings);
         Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThat(db.stories().inconsistencies()).isZero();
      assertThat(one(s, "SELECT COUNT(*) FROM story")).isEqualTo(3);
      assertThat(one(s, "SELECT COUNT(DISTINCT story_id) FROM item WHERE identity_hash IN"
          + " ('a', 'b')")).isEqualTo(1);
      // The shared story's first item is its earliest one; the count is right.
      assertThat(one(s, "SELECT s.item_count FROM story s JOIN item i ON i.story_id = s.id"
          + " WHERE i.identity_hash = 'a'")).isEqualTo(2);
      assertThat(one(s, "SELECT COUNT(*) FROM story s JOIN item i ON i.id = s.first_item_id"
          + " AND i.story_id = s.id")).isEqualTo(3);
    }
  }
}
