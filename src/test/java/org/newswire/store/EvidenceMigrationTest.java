package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.TestDatabases.one;
import static org.newswire.store.TestDatabases.utf8Hex;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

/**
 * A database of the release that kept story evidence in the item row (V7) keeps it through V8,
 * which moves it to {@code story_evidence}: an item stored after the upgrade still finds the
 * story of one stored before it.
 */
class EvidenceMigrationTest {
  private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
  private static final StoryRules RULES = new StoryRules(Duration.ofHours(72),
      (a, b) -> java.util.Arrays.equals(a, b) ? OptionalDouble.of(1) : OptionalDouble.empty());
  private static DbSettings settings;

  @BeforeAll
  static void v7Database() throws SQLException {
    // Two placed items with their keys and evidence, as V7 stored them: one with evidence
    // that a later copy matches, one without (stories off when it was stored).
    settings = TestDatabases.atVersion("7",
        "INSERT INTO item (id, source_id, identity_hash, identity_kind, title,"
            + " content_hash, published_at, first_seen_at, story_evidence) VALUES"
            + " (1, 'kabar', 'a', 'guid', 'Сель в Оше', 'h', '2024-05-01 08:00:00',"
            + " '2024-05-01 08:00:00', X'" + utf8Hex("сель в Оше") + "'),"
            + " (2, 'kabar', 'b', 'guid', 'Курс доллара', 'h', '2024-05-01 08:01:00',"
            + " '2024-05-01 08:01:00', NULL)",
        "INSERT INTO story (id, first_item_id, first_seen_at, last_item_at, item_count)"
            + " VALUES (10, 1, '2024-05-01 08:00:00', '2024-05-01 08:00:00', 1),"
            + " (11, 2, '2024-05-01 08:01:00', '2024-05-01 08:01:00', 1)",
        "UPDATE item SET story_id = 9 + id",
        "INSERT INTO story_key (key_hash, seen_at, item_id) VALUES"
            + " (601, '2024-05-01 08:00:00', 1)");
  }

  @AfterAll
  static void drop() {
    TestDatabases.drop(settings);
  }

  @Test
  void evidenceMovesToItsOwnTableAndALaterCopyStillFindsTheStory() throws SQLException {
    try (Database db = Database.open(settings);
         Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT COUNT(*) FROM story_evidence")).isOne();
      assertThat(one(s, "SELECT COUNT(*) FROM story_evidence WHERE item_id = 1 AND evidence = X'"
          + utf8Hex("сель в Оше") + "'")).isOne();
      assertThat(one(s, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ="
          + " DATABASE() AND TABLE_NAME = 'item' AND COLUMN_NAME = 'story_evidence'")).isZero();

      FinishedItem copy = Items.item("copy").build();
      db.feeds().recordPoll(new PollWrite(Items.polled("akipress",
          "https://akipress.example/rss", T0.plusSeconds(600), Optional.empty()),
          List.of(copy), Map.of(copy.identityHash(), new StoryInput(
              "сель в Оше".getBytes(StandardCharsets.UTF_8), new long[] {601}, new long[0])),
          RULES));
      assertThat(one(s, "SELECT story_id FROM item WHERE guid = 'guid-copy'")).isEqualTo(10);
      assertThat(one(s, "SELECT item_count FROM story WHERE id = 10")).isEqualTo(2);
      assertThat(db.stories().inconsistencies()).isZero();
    }
  }
}
