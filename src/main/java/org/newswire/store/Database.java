package org.newswire.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.newswire.config.DbSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database Newswire stores into: an external MariaDB named by {@code db.url}, or an embedded
 * one started here. Opening it runs the migrations from {@code sql/} (packaged in the jar as
 * {@code db/migration}), so the schema always matches the code.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final Optional<EmbeddedMariaDb> embedded;
  private final HikariDataSource pool;
  private final DSLContext dsl;
  // One instance per database: its group commit batches only the saves that share it.
  private final FeedStore feeds;

  private Database(Optional<EmbeddedMariaDb> embedded, HikariDataSource pool) {
    this.embedded = embedded;
    this.pool = pool;
    this.dsl = DSL.using(pool, SQLDialect.MARIADB,
        new Settings().withRenderSchema(false).withExecuteLogging(false));
    this.feeds = new FeedStore(dsl);
  }

  /** Starts the embedded server when no URL is set, connects, and migrates the schema. */
  public static Database open(DbSettings settings) {
    Optional<EmbeddedMariaDb> embedded = Optional.empty();
    String url;
    String user;
    String password;
    if (settings.embedded()) {
      log.info("starting the embedded MariaDB in {} (db.url is not set)", settings.dataDir());
      EmbeddedMariaDb e = EmbeddedMariaDb.start(settings.dataDir(), 0);
      embedded = Optional.of(e);
      url = e.jdbcUrl();
      user = "root";
      password = "";
    } else {
      url = settings.url().orElseThrow();
      user = settings.user();
      password = settings.password();
    }
    try {
      HikariDataSource pool = pool(url, user, password, settings.poolSize());
      migrate(pool);
      return new Database(embedded, pool);
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedMariaDb::close);
      throw e;
    }
  }

  private static HikariDataSource pool(String url, String user, String password, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(size);
    c.setPoolName("newswire-db");
    // Fail fast when the database is gone: the poll is reported and retried, not stuck.
    c.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    // The pool is created even when the server is down; availability is checked by callers.
    c.setInitializationFailTimeout(-1);
    c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(c);
  }

  private static void migrate(DataSource ds) {
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("database migration failed: " + firstLine(e.getMessage()), e);
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String line = s.lines().findFirst().orElse(s).trim();
    // jOOQ prefixes the whole statement ("SQL [select …]; cause"): operators need the cause.
    int end = line.startsWith("SQL [") ? line.indexOf("]; ") : -1;
    return end > 0 ? line.substring(end + 3) : line;
  }

  /** True when the server answers a trivial query within {@code timeout}. */
  public boolean isReachable(Duration timeout) {
    try (Connection c = pool.getConnection()) {
      return c.isValid((int) Math.max(1, timeout.toSeconds()));
    } catch (SQLException e) {
      return false;
    }
  }

  /** Publishes the connection pool's gauges (active, idle, waiting, size). */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    var mx = pool.getHikariPoolMXBean();
    if (mx == null) {
      return;
    }
    registry.gauge("newswire.db.connections.active", mx, m -> m.getActiveConnections());
    registry.gauge("newswire.db.connections.idle", mx, m -> m.getIdleConnections());
    registry.gauge("newswire.db.connections.pending", mx, m -> m.getThreadsAwaitingConnection());
    registry.gauge("newswire.db.connections.total", mx, m -> m.getTotalConnections());
  }

  public DataSource dataSource() {
    return pool;
  }

  /** The repositories, all sharing this pool. */
  public FeedStore feeds() {
    return feeds;
  }

  public ScheduleStore schedule() {
    return new ScheduleStore(dsl);
  }

  public ArticleQueue articles() {
    return new ArticleQueue(dsl);
  }

  /** Removal of a source's items ({@code newswire purge}). */
  public SourcePurge purge() {
    return new SourcePurge(dsl);
  }

  /** The merged feed's read side. */
  public ItemQueries items() {
    return new ItemQueries(dsl);
  }

  DSLContext dsl() {
    return dsl;
  }

  @Override
  public void close() {
    pool.close();
    embedded.ifPresent(EmbeddedMariaDb::close);
  }
}
