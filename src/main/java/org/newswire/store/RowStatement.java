package org.newswire.store;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A multi-row statement that jOOQ renders once per row count (from the generated schema, so
 * column names have one source of truth) and that runs with plain JDBC binding. Rendering and
 * binding 30 columns × 50 rows through jOOQ cost more CPU than MariaDB spends inserting them; the
 * hot writes of polling (items, source states) go through here, everything else through jOOQ.
 */
final class RowStatement {
  private static final DSLContext RENDERER = DSL.using(SQLDialect.MARIADB,
      new Settings().withRenderSchema(false));

  private static final int MAX_CACHED_ROWS = 100;

  private final List<Field<?>> columns;
  private final BiFunction<DSLContext, List<List<Field<?>>>, Query> shape;
  private final ConcurrentHashMap<Integer, String> sqlByRows = new ConcurrentHashMap<>();

  /**
   * @param shape builds the statement for rows of placeholders (one per column, in order)
   */
  RowStatement(List<Field<?>> columns,
      BiFunction<DSLContext, List<List<Field<?>>>, Query> shape) {
    this.columns = List.copyOf(columns);
    this.shape = shape;
  }

  /** SQL for {@code rows} rows, with a {@code ?} per value in row-major order. */
  String sql(int rows) {
    // The common sizes (a feed's new items, a batch of states) are cached; a feed of thousands
    // of entries is rendered each time rather than kept for ever.
    return rows <= MAX_CACHED_ROWS ? sqlByRows.computeIfAbsent(rows, this::render) : render(rows);
  }

  private String render(int rows) {
    List<Field<?>> row = columns.stream()
        .<Field<?>>map(c -> DSL.param(c.getName(), c.getDataType())).toList();
    return RENDERER.render(shape.apply(RENDERER, java.util.Collections.nCopies(rows, row)));
  }

  /**
   * Runs the statement for {@code rows} (one value per column, in order: String, Integer,
   * Boolean, LocalDateTime or null) on the transaction's connection; returns the update count.
   */
  int execute(DSLContext tx, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    String sql = sql(rows.size());
    int[] count = new int[1];
    tx.connection(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int k = 1;
        for (Object[] row : rows) {
          if (row.length != columns.size()) {
            throw new IllegalArgumentException(row.length + " values for " + columns.size()
                + " columns");
          }
          for (Object v : row) {
            if (v == null) {
              ps.setNull(k++, Types.NULL);
            } else {
              ps.setObject(k++, v);
            }
          }
        }
        count[0] = ps.executeUpdate();
      }
    });
    return count[0];
  }
}
