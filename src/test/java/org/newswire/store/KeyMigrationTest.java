package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.TestDatabases.one;
import static org.newswire.store.TestDatabases.utf8Hex;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

/**
 * A database of the release whose key index had an item_id index (V11) keeps its stories
 * through V12, which keeps each item's keys beside its evidence: the keys are carried over
 * (negative hashes too), a later copy still finds its story by them, an article that replaces
 * a migrated item's evidence deletes the keys it was stored with, and housekeeping finds them.
 */
class KeyMigrationTest {
  private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
  private static final StoryRules RULES = new StoryRules(Duration.ofHours(72),
      (a, b) -> java.util.Arrays.equals(a, b) ? OptionalDouble.of(1) : OptionalDouble.empty());
  /** Item 1's keys, in the order a signed comparison sorts them. */
  private static final long[] KEYS_OF_1 = {-7_000_000_000_000_000_001L, -5L, 601L};
  private static DbSettings settings;

  @BeforeAll
  static void v11Database() throws SQLException {
    // Two placed items with keys and evidence; a third whose evidence is gone, with one key
    // row left behind (as an earlier release's housekeeping could leave between its deletes).
    settings = TestDatabases.atVersion("11",
        "INSERT INTO item (id, source_id, identity_hash, identity_kind, title,"
            + " content_hash, published_at, first_seen_at) VALUES"
            + " (1, 'kabar', 'a', 'guid', 'Сель в Оше', 'h', '2024-05-01 08:00:00',"
            + " '2024-05-01 08:00:00'),"
            + " (2, 'kabar', 'b', 'guid', 'Курс доллара', 'h', '2024-05-01 08:01:00',"
            + " '2024-05-01 08:01:00'),"
            + " (3, 'kabar', 'c', 'guid', 'Погода', 'h', '2024-05-01 08:02:00',"
            + " '2024-05-01 08:02:00')",
        "INSERT INTO story (id, first_item_id, first_seen_at, last_item_at, item_count)"
            + " VALUES (10, 1, '2024-05-01 08:00:00', '2024-05-01 08:00:00', 1),"
            + " (11, 2, '2024-05-01 08:01:00', '2024-05-01 08:01:00', 1),"
            + " (12, 3, '2024-05-01 08:02:00', '2024-05-01 08:02:00', 1)",
        "UPDATE item SET story_id = 9 + id",
        "INSERT INTO story_evidence (item_id, evidence) VALUES (1, X'"
            + utf8Hex("сель в Оше") + "'), (2, X'" + utf8Hex("курс") + "')",
        "INSERT INTO story_key (key_hash, seen_at, item_id) VALUES"
            + " (601, '2024-05-01 08:00:00', 1), (-5, '2024-05-01 08:00:00', 1),"
            + " (-7000000000000000001, '2024-05-01 08:00:00', 1),"
            + " (701, '2024-05-01 08:01:00', 2), (801, '2024-05-01 08:02:00', 3)");
  }

  @AfterAll
  static void drop() {
    TestDatabases.drop(settings);
  }

  @Test
  void keysMoveBesideTheEvidenceAndStillFindReplaceAndPrune() throws SQLException {
    try (Database db = Database.open(settings);
         Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      StringBuilder packed = new StringBuilder();
      for (long k : KEYS_OF_1) {
        packed.append(String.format(Locale.ROOT, "%016X", k));
      }
      assertThat(text(s, "SELECT HEX(key_hashes) FROM story_evidence WHERE item_id = 1"))
          .isEqualTo(packed.toString());
      assertThat(text(s, "SELECT HEX(key_hashes) FROM story_evidence WHERE item_id = 2"))
          .isEqualTo(String.format(Locale.ROOT, "%016X", 701L));
      // The rows of items with evidence are carried over; the one without is not.
      assertThat(one(s, "SELECT COUNT(*) FROM story_key WHERE item_id IN (1, 2)")).isEqualTo(4);
      assertThat(one(s, "SELECT COUNT(*) FROM story_key WHERE item_id = 3")).isZero();
      assertThat(TestDatabases.indexes(s, "story_key")).containsExactly("PRIMARY key_hash", "PRIMARY item_id");

      FinishedItem copy = Items.item("copy").build();
      db.feeds().recordPoll(new PollWrite(Items.polled("akipress",
          "https://akipress.example/rss", T0.plusSeconds(600), Optional.empty()),
          List.of(copy), Map.of(copy.identityHash(), new StoryInput(
              "сель в Оше".getBytes(StandardCharsets.UTF_8),
              new long[] {-7_000_000_000_000_000_001L}, new long[0])), RULES));
      assertThat(one(s, "SELECT story_id FROM item WHERE guid = 'guid-copy'")).isEqualTo(10);

      // Item 1's article: the keys it was stored with before the upgrade go.
      db.stories().replace(1, new StoryInput("статья".getBytes(StandardCharsets.UTF_8),
          new long[] {901}, new long[0]), RULES, T0.plusSeconds(900));
      assertThat(one(s, "SELECT COUNT(*) FROM story_key WHERE item_id = 1")).isOne();
      assertThat(one(s, "SELECT COUNT(*) FROM story_key WHERE item_id = 1 AND key_hash = 901"))
          .isOne();
      assertThat(db.stories().inconsistencies()).isZero();

      assertThat(db.stories().prune(T0.plus(Duration.ofDays(30)), Duration.ofHours(72)))
          .isEqualTo(3 + 3); // keys 901, 701 and the copy's, and the three items' evidence
      assertThat(one(s, "SELECT COUNT(*) FROM story_key")).isZero();
      assertThat(one(s, "SELECT COUNT(*) FROM story_evidence")).isZero();
    }
  }

  private static String text(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}
