package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newswire.store.generated.Tables.SOURCE_STATE;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jooq.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.FinishedItem;

/** A poll's items go out in statements that fit a size limit, still in one transaction. */
class ChunkedWriteTest {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
  private static final long LIMIT = 16 * 1024;
  private static DbSettings settings;
  private static Database db;
  private static FeedStore small;

  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    small = new FeedStore(db.dsl(), LIMIT);
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  private static FinishedItem article(int i) {
    String text = ("Статья " + i + ": правительство обсудило бюджет. ").repeat(60);
    return Items.item("a" + i).summary("<p>" + text + "</p>", text).build();
  }

  @Test
  void aPollLargerThanTheLimitIsStoredWholeInSeveralStatements() throws Exception {
    List<FinishedItem> items = IntStream.range(0, 40).mapToObj(ChunkedWriteTest::article).toList();

    PollCounts counts = Items.poll(small, "chunks", T0, items);

    assertThat(counts.inserted()).isEqualTo(40);
    assertThat(guids("chunks")).hasSize(40).doesNotHaveDuplicates()
        .contains("guid-a0", "guid-a39");
  }

  @Test
  void aFailureAfterSeveralStatementsLeavesNothingOfThePoll() throws Exception {
    List<FinishedItem> items = IntStream.range(0, 40).mapToObj(i -> Items.item("r" + i)
        .summary("<p>" + "Текст. ".repeat(300) + "</p>", "Текст. ".repeat(300)).build())
        .toList();
    // source_id is VARCHAR(64): the source's state row, written after the items, is refused.
    String badId = "s".repeat(65);

    assertThatThrownBy(() -> Items.poll(small, badId, T0, items))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("storing 40 items of " + badId + " failed")
        .hasMessageContaining("source_id");
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement s = c.prepareStatement(
             "SELECT COUNT(*) FROM item WHERE guid LIKE 'guid-r%'");
         ResultSet rs = s.executeQuery()) {
      rs.next();
      assertThat(rs.getLong(1)).as("items of the failed poll").isZero();
    }
  }

  @Test
  void splitsRowsInOrderIntoStatementsUnderTheLimit() {
    RowStatement statement = new RowStatement(List.<Field<?>>of(SOURCE_STATE.SOURCE_ID,
        SOURCE_STATE.URL), (dsl, rows) -> {
          var insert = dsl.insertInto(SOURCE_STATE, SOURCE_STATE.SOURCE_ID, SOURCE_STATE.URL);
          for (List<Field<?>> row : rows) {
            insert = insert.values(row);
          }
          return insert;
        });
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(new Object[] {"s" + i, "https://новости.example/" + "ж".repeat(100 * i)});
    }
    rows.add(new Object[] {"huge", "x".repeat(5000)});
    long limit = 2000;

    List<List<Object[]>> chunks = statement.chunks(rows, limit);

    assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(rows);
    assertThat(chunks).hasSizeGreaterThan(5);
    for (List<Object[]> chunk : chunks) {
      long utf8 = chunk.stream().mapToLong(r -> ((String) r[1]).getBytes(
          java.nio.charset.StandardCharsets.UTF_8).length).sum();
      if (chunk.size() > 1) {
        assertThat(statement.statementBytes(chunk)).isLessThanOrEqualTo(limit)
            .isGreaterThan(utf8);
      }
    }
    assertThat(chunks.get(chunks.size() - 1)).as("a row over the limit goes alone")
        .containsExactly(rows.get(rows.size() - 1));
  }

  private static List<String> guids(String sourceId) throws Exception {
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement s = c.prepareStatement("SELECT guid FROM item WHERE source_id = ?")) {
      s.setString(1, sourceId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
