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

/**
 * Every index on {@code item} is written by every stored item, most of them at a random page:
 * the table carries only the ones a query reads. A database of the release with the canonical
 * URL index (V12) loses it on upgrade and keeps its items.
 */
class ItemIndexTest {
  private static DbSettings settings;

  @BeforeAll
  static void v12Database() throws SQLException {
    settings = TestDatabases.atVersion("12",
        "INSERT INTO item (id, source_id, identity_hash, identity_kind, canonical_url,"
            + " canonical_url_hash, title, content_hash, published_at, first_seen_at) VALUES"
            + " (1, 'kabar', 'a', 'guid', 'https://kabar.kg/news/1', 'c1', 'Сель в Оше', 'h',"
            + " '2024-05-01 08:00:00', '2024-05-01 08:00:00')");
  }

  @AfterAll
  static void drop() {
    TestDatabases.drop(settings);
  }

  @Test
  void upgradeDropsTheCanonicalIndexAndKeepsTheRest() throws SQLException {
    try (Database db = Database.open(settings);
         Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThat(TestDatabases.indexes(s, "item").stream()
          .map(i -> i.substring(0, i.indexOf(' '))).distinct())
          .containsExactlyInAnyOrder("PRIMARY", "uk_item_identity", "ix_item_known",
              "ix_item_published", "ix_item_source_published", "ix_item_article_due",
              "ix_item_story", "ix_item_updated");
      assertThat(one(s, "SELECT COUNT(*) FROM item WHERE canonical_url_hash = 'c1'"
          + " AND title = 'Сель в Оше'")).isOne();
    }
  }
}
