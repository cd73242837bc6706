package org.newswire.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A multi-row statement that jOOQ renders once per row count (from the generated schema, so
 * column names have one source of truth) and that runs with plain JDBC binding. Rendering and
 * binding 30 columns × 50 rows through jOOQ cost more CPU than MariaDB spends inserting them; the
 * hot writes of polling (items, source states) go through here, everything else through jOOQ.
 */
final class RowStatement {
  /** Renders the statements that run with plain JDBC binding (here and {@link ReadStatement}). */
  static final DSLContext RENDERER = DSL.using(SQLDialect.MARIADB,
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

  /**
   * The multi-row insert of {@code rows} into {@code columns} of {@code table}: what a shape
   * starts from, before its {@code ON DUPLICATE KEY} clause.
   */
  static <R extends Record> InsertValuesStepN<R> insert(DSLContext dsl, Table<R> table,
      List<Field<?>> columns, List<List<Field<?>>> rows) {
    InsertValuesStepN<R> insert = dsl.insertInto(table, columns);
    for (List<Field<?>> row : rows) {
      insert = insert.values(row);
    }
    return insert;
  }

  /** SQL for {@code rows} rows, with a {@code ?} per value in row-major order. */
  String sql(int rows) {
    // The common sizes (a feed's new items, a batch of states) are cached; larger statements
    // (a feed of thousands of entries, a poll's story keys) repeat the row of the cached
    // two-row form rather than render thousands of rows through jOOQ.
    return rows <= MAX_CACHED_ROWS ? sqlByRows.computeIfAbsent(rows, this::render)
        : repeated(rows);
  }

  /**
   * The statement for {@code rows} rows built from the one- and two-row forms: what the second
   * row adds to the first form, inserted {@code rows - 1} times where it goes.
   */
  private String repeated(int rows) {
    String one = sql(1);
    String two = sql(2);
    int prefix = 0;
    while (prefix < one.length() && one.charAt(prefix) == two.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < one.length() - prefix
        && one.charAt(one.length() - 1 - suffix) == two.charAt(two.length() - 1 - suffix)) {
      suffix++;
    }
    String row = two.substring(prefix, two.length() - suffix);
    StringBuilder out = new StringBuilder(one.length() + row.length() * (rows - 1));
    out.append(one, 0, prefix);
    out.append(row.repeat(rows - 1));
    out.append(one, prefix, one.length());
    return out.toString();
  }

  private String render(int rows) {
    List<Field<?>> row = columns.stream()
        .<Field<?>>map(ReadStatement::param).toList();
    return RENDERER.render(shape.apply(RENDERER, java.util.Collections.nCopies(rows, row)));
  }

  /**
   * Runs the statement for {@code rows} (one value per column, in order: String, Integer,
   * Boolean, LocalDateTime or null) on the transaction's connection, in as many statements as
   * it takes to keep each under {@code maxStatementBytes}; returns the summed update count.
   *
   * @param serverPacketBytes the server's max_allowed_packet, named in the error when a
   *     statement larger than it fails (the server drops the connection, and the driver reports
   *     only a socket error)
   */
  int execute(DSLContext tx, List<Object[]> rows, long maxStatementBytes,
      long serverPacketBytes) {
    return execute(tx, rows, maxStatementBytes, serverPacketBytes, null);
  }

  /**
   * {@link #execute} for a shape that ends in {@code RETURNING}: each row the server returns
   * (one per row written) goes to {@code reader}; returns their number.
   */
  int executeReturning(DSLContext tx, List<Object[]> rows, long maxStatementBytes,
      long serverPacketBytes, ReadStatement.RowReader reader) {
    return execute(tx, rows, maxStatementBytes, serverPacketBytes,
        Objects.requireNonNull(reader));
  }

  private int execute(DSLContext tx, List<Object[]> rows, long maxStatementBytes,
      long serverPacketBytes, ReadStatement.RowReader reader) {
    int count = 0;
    for (List<Object[]> chunk : chunks(rows, maxStatementBytes)) {
      count += executeOnce(tx, chunk, serverPacketBytes, reader);
    }
    return count;
  }

  /**
   * Splits {@code rows}, in order, into runs whose statements stay under {@code maxBytes}
   * (MariaDB refuses a statement larger than its max_allowed_packet, and a feed of full-text
   * articles easily is). A row too large on its own goes alone; the server's error then names
   * the real limit.
   */
  List<List<Object[]>> chunks(List<Object[]> rows, long maxBytes) {
    long fixed = sql(1).length();
    List<List<Object[]>> out = new ArrayList<>();
    List<Object[]> current = new ArrayList<>();
    long size = fixed;
    for (Object[] row : rows) {
      long rowBytes = rowBytes(row);
      if (!current.isEmpty() && size + rowBytes > maxBytes) {
        out.add(current);
        current = new ArrayList<>();
        size = fixed;
      }
      current.add(row);
      size += rowBytes;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** An upper bound on the bytes of a statement for {@code rows}. */
  long statementBytes(List<Object[]> rows) {
    long n = sql(1).length();
    for (Object[] row : rows) {
      n += rowBytes(row);
    }
    return n;
  }

  private long rowBytes(Object[] row) {
    return 3L * columns.size() + 3 + valueBytes(row); // "?, " per value and the "(…), "
  }

  /**
   * An upper bound on the bytes the row's values take in the statement sent: Connector/J sends
   * client-prepared statements as text, strings and bytes quoted and escaped (each escaped
   * character doubles).
   */
  private static long valueBytes(Object[] row) {
    long n = 0;
    for (Object v : row) {
      if (v instanceof String s) {
        n += utf8Length(s) + 2;
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (c == '\\' || c == '\'' || c == '"' || c == 0 || c == '\n' || c == '\r'
              || c == 26) {
            n++;
          }
        }
      } else if (v instanceof byte[] b) {
        n += 2L * b.length + 10; // _binary'…', each byte escaped at worst
      } else {
        n += 32; // numbers, booleans, timestamps, NULL
      }
    }
    return n;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  private int executeOnce(DSLContext tx, List<Object[]> rows, long serverPacketBytes,
      ReadStatement.RowReader reader) {
    if (rows.isEmpty()) {
      return 0;
    }
    String sql = sql(rows.size());
    int[] count = new int[1];
    tx.connection(c -> {
      try {
        count[0] = run(c, sql, rows, reader);
      } catch (SQLException e) {
        long size = statementBytes(rows);
        if (size > serverPacketBytes) {
          // Not chained as the cause: Database.reason reports the innermost SQLException, and
          // the driver's own words for this ("Socket error") do not say what to fix.
          SQLException tooLarge = new SQLException("a statement of up to " + size + " bytes ("
              + rows.size() + " rows) is larger than the server's max_allowed_packet of "
              + serverPacketBytes + " bytes (" + Database.firstLine(e.getMessage()) + ")",
              e.getSQLState());
          tooLarge.addSuppressed(e);
          throw tooLarge;
        }
        throw e;
      }
    });
    return count[0];
  }

  private int run(Connection c, String sql, List<Object[]> rows, ReadStatement.RowReader reader)
      throws SQLException {
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
      if (reader == null) {
        return ps.executeUpdate();
      }
      int returned = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
          returned++;
        }
      }
      return returned;
    }
  }
}
