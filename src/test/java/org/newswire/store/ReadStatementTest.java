package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newswire.store.generated.Tables.SOURCE_LINE;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;

/**
 * Reads rendered once per list length read what the list selects, on a real MariaDB: every
 * length from 1 to 40, and the placeholder count guarded.
 */
class ReadStatementTest {
  private static DbSettings settings;
  private static Database db;

  private static final ReadStatement LINES = new ReadStatement((r, n) -> r
      .select(SOURCE_LINE.LINE_HASH, SOURCE_LINE.ITEMS).from(SOURCE_LINE)
      .where(SOURCE_LINE.SOURCE_ID.eq(ReadStatement.param(SOURCE_LINE.SOURCE_ID)))
      .and(SOURCE_LINE.LINE_HASH.in(ReadStatement.params(SOURCE_LINE.LINE_HASH, n))));

  @BeforeAll
  static void open() throws Exception {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      // Lines 0..59 of one source, each seen in (hash % 7) + 1 items; another source's too.
      for (long h = 0; h < 60; h++) {
        s.execute("INSERT INTO source_line VALUES ('kabar', " + h + ", " + (h % 7 + 1)
            + ", '2026-12-02 00:00:00')");
        s.execute("INSERT INTO source_line VALUES ('akipress', " + h + ", 100,"
            + " '2026-12-02 00:00:00')");
      }
    }
  }

  @AfterAll
  static void close() {
    db.close();
    TestDatabases.drop(settings);
  }

  @Test
  void eachLengthHasItsOwnStatement() {
    for (int n : new int[] {1, 2, 3, 5, 50, 512, 513, 1500}) {
      assertThat(LINES.sql(n).chars().filter(c -> c == '?').count()).as("%d values", n)
          .isEqualTo(1 + n);
    }
  }

  @Test
  void everyLengthReadsWhatItsOwnValuesSelect() {
    for (int n = 1; n <= 40; n++) {
      // Every third hash from 50 up: some stored (50..59), most not (60 and over).
      List<Long> hashes = LongStream.range(0, n).map(i -> 50 + 3 * i).boxed().toList();
      Map<Long, Integer> read = new TreeMap<>();
      List<Object> binds = new ArrayList<>();
      binds.add("kabar");
      binds.addAll(hashes);
      LINES.run(DSL.using(db.dataSource(), org.jooq.SQLDialect.MARIADB), n, binds.toArray(),
          rs -> read.merge(rs.getLong(1), rs.getInt(2), (a, b) -> {
            throw new AssertionError("a line read twice");
          }));
      Map<Long, Integer> expected = new TreeMap<>();
      hashes.stream().filter(h -> h < 60).forEach(h -> expected.put(h, (int) (h % 7 + 1)));
      assertThat(read).as("%d hashes", n).isEqualTo(expected);
    }
  }

  @Test
  void aWrongNumberOfValuesIsRefusedBeforeTheRead() {
    assertThatThrownBy(() -> LINES.run(DSL.using(db.dataSource(), org.jooq.SQLDialect.MARIADB),
        3, new Object[] {1L, 2L, 3L}, rs -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 values for the 4 placeholders");
  }
}
