package org.newswire.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * A read whose shape varies only with the length of its {@code IN} lists, rendered by jOOQ once
 * per length (from the generated schema, as {@link RowStatement} does for writes) and run with
 * plain JDBC binding. A changed poll's reads bind a value per entry and per line: rendering
 * those through jOOQ each time was a twelfth of a steady poll's CPU. Lists are not padded to
 * fewer lengths (as jOOQ's in-list padding would): MariaDB parses every value sent, and padding
 * 50 identities to 64 cost it more CPU than the client saved ({@code ReadSpeed},
 * BENCHMARKS.md). Reads that bind a few values go through jOOQ.
 */
final class ReadStatement {
  /** One row of a result set, read where it is. */
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /** Lengths rendered once and kept; a longer list (a feed of thousands) is rendered each time. */
  private static final int MAX_CACHED_LENGTH = 512;

  private final BiFunction<DSLContext, Integer, ResultQuery<?>> shape;
  private final boolean fromStatistics;
  private final ConcurrentHashMap<Integer, Rendered> byLength = new ConcurrentHashMap<>();

  /** The rendered read, as sent (with its settings) and without them. */
  private record Rendered(String select, String sql, int placeholders) {}

  /**
   * @param shape builds the read for lists of the given length, every value a placeholder
   *     ({@link #param}, {@link #params})
   */
  ReadStatement(BiFunction<DSLContext, Integer, ResultQuery<?>> shape) {
    this(shape, false);
  }

  private ReadStatement(BiFunction<DSLContext, Integer, ResultQuery<?>> shape,
      boolean fromStatistics) {
    this.shape = shape;
    this.fromStatistics = fromStatistics;
  }

  /** This read, its rows estimated from the index's statistics ({@link #fromStatistics}). */
  ReadStatement estimatedFromStatistics() {
    return new ReadStatement(shape, true);
  }

  /**
   * {@code select} run with the optimizer's row estimates taken from the index's statistics
   * instead of a descent into the index per listed value. Under 200 values MariaDB makes those
   * descents ({@code eq_range_index_dive_limit}) before it reads anything, wherever a value may
   * match several rows (a non-unique index, or the first columns of a unique one),
   * so a read of 50 identities or 40 story keys went down the index twice per value: twice the
   * pages touched and a third more server CPU per read (bench/index-dives). Only for reads
   * whose plan the estimates cannot change: a forced index, or the table's only index.
   */
  static String fromStatistics(String select) {
    return "SET STATEMENT eq_range_index_dive_limit = 1 FOR " + select;
  }

  /** {@code n} placeholders of {@code column}'s type, for an {@code IN} list. */
  static <T> List<Param<T>> params(Field<T> column, int n) {
    return Collections.nCopies(n, param(column));
  }

  /** A placeholder of {@code column}'s type. */
  static <T> Param<T> param(Field<T> column) {
    return DSL.param(column.getName(), column.getDataType());
  }

  /** The SQL for lists of {@code n} values, a {@code ?} per value. */
  String sql(int n) {
    return rendered(n).sql();
  }

  /** The {@code EXPLAIN} of {@link #sql} (the plan the server chooses, estimated as sent). */
  String explain(int n) {
    return sent("EXPLAIN " + rendered(n).select());
  }

  private String sent(String statement) {
    return fromStatistics ? fromStatistics(statement) : statement;
  }

  private Rendered rendered(int length) {
    return length <= MAX_CACHED_LENGTH ? byLength.computeIfAbsent(length, this::render)
        : render(length);
  }

  private Rendered render(int n) {
    ResultQuery<?> q = shape.apply(RowStatement.RENDERER, n);
    String select = RowStatement.RENDERER.render(q);
    return new Rendered(select, sent(select), RowStatement.RENDERER.extractBindValues(q).size());
  }

  /**
   * Runs the read for lists of {@code n} values on the transaction's connection, with
   * {@code binds} in the order of the SQL's placeholders.
   */
  void run(DSLContext dsl, int n, Object[] binds, RowReader reader) {
    Rendered r = rendered(n);
    if (r.placeholders() != binds.length) {
      throw new IllegalArgumentException(binds.length + " values for the " + r.placeholders()
          + " placeholders of " + r.sql());
    }
    query(dsl, r.sql(), binds, reader);
  }

  /**
   * Runs {@code sql} with {@code binds} on the transaction's connection, row by row: for reads
   * of many rows too (a placement reads thousands of key index rows), where jOOQ's records cost
   * more than the read.
   */
  static void query(DSLContext dsl, String sql, Object[] binds, RowReader reader) {
    dsl.connection(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < binds.length; i++) {
          ps.setObject(i + 1, binds[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
      }
    });
  }
}
