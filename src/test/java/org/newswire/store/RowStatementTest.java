package org.newswire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.generated.Tables.SOURCE_LINE;
import static org.newswire.store.generated.Tables.STORY_KEY;

import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Statements of many rows are the rows jOOQ would render, without rendering them all. */
class RowStatementTest {
  private static final DSLContext JOOQ = DSL.using(SQLDialect.MARIADB,
      new Settings().withRenderSchema(false));

  private static Query insertIgnore(DSLContext dsl, List<List<Field<?>>> rows) {
    var insert = dsl.insertInto(STORY_KEY, STORY_KEY.KEY_HASH, STORY_KEY.SEEN_AT,
        STORY_KEY.ITEM_ID);
    for (List<Field<?>> row : rows) {
      insert = insert.values(row);
    }
    return insert.onDuplicateKeyIgnore();
  }

  private static Query upsert(DSLContext dsl, List<List<Field<?>>> rows) {
    var insert = dsl.insertInto(SOURCE_LINE, SOURCE_LINE.fields());
    for (List<Field<?>> row : rows) {
      insert = insert.values(row);
    }
    return insert.onDuplicateKeyUpdate()
        .set(SOURCE_LINE.ITEMS, SOURCE_LINE.ITEMS.plus(DSL.field("VALUES(items)", Integer.class)));
  }

  private static String rendered(List<Field<?>> columns,
      java.util.function.BiFunction<DSLContext, List<List<Field<?>>>, Query> shape, int rows) {
    List<Field<?>> row = columns.stream()
        .<Field<?>>map(c -> DSL.param(c.getName(), c.getDataType())).toList();
    return JOOQ.render(shape.apply(JOOQ, Collections.nCopies(rows, row)));
  }

  @Test
  void largeStatementsEqualWhatJooqRenders() {
    List<Field<?>> keyColumns = List.of(STORY_KEY.KEY_HASH, STORY_KEY.SEEN_AT,
        STORY_KEY.ITEM_ID);
    RowStatement keys = new RowStatement(keyColumns, RowStatementTest::insertIgnore);
    RowStatement lines = new RowStatement(List.of(SOURCE_LINE.fields()),
        RowStatementTest::upsert);
    for (int rows : new int[] {1, 2, 99, 100, 101, 1_300}) {
      assertThat(keys.sql(rows)).as("%d rows", rows)
          .isEqualTo(rendered(keyColumns, RowStatementTest::insertIgnore, rows));
      assertThat(lines.sql(rows)).as("%d rows with a tail", rows)
          .isEqualTo(rendered(List.of(SOURCE_LINE.fields()), RowStatementTest::upsert, rows));
    }
    assertThat(keys.sql(1_300).chars().filter(c -> c == '?').count()).isEqualTo(3_900);
  }
}
