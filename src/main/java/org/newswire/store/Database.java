package org.newswire.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * one started (or, when another Newswire process runs it, shared) here. Connecting runs the
 * migrations from {@code sql/} (packaged in the jar as {@code db/migration}), so the schema
 * always matches the code.
 *
 * <p>A Database exists before it is connected ({@link #create}), so the daemon can answer its
 * status endpoints while it waits: until {@link #connect()} succeeds every use fails with the
 * reason the database is not there.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** How long a first connection may take before a start attempt counts as failed. */
  private static final Duration CONNECT_CHECK = Duration.ofSeconds(10);
  // Health checks run here, never on the pool, so they keep their own time bound.
  private static final Executor CHECKS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "newswire-db-check");
    t.setDaemon(true);
    return t;
  });

  private final DbSettings settings;
  private final boolean supervise;
  private final PoolGate gate = new PoolGate();
  private final DSLContext dsl;
  // One instance per database: its group commit batches only the saves that share it.
  private final FeedStore feeds;
  private volatile Optional<EmbeddedMariaDb> embedded = Optional.empty();
  private volatile HikariDataSource pool;
  private CompletableFuture<Optional<String>> checkInFlight; // guarded by this

  private Database(DbSettings settings, boolean supervise) {
    this.settings = settings;
    this.supervise = supervise;
    this.dsl = DSL.using(gate, SQLDialect.MARIADB,
        new Settings().withRenderSchema(false).withExecuteLogging(false));
    this.feeds = new FeedStore(dsl);
  }

  /**
   * A database not connected yet; {@code superviseEmbedded}: an embedded server that dies is
   * started again (the daemon), rather than left down (a one-off command).
   */
  public static Database create(DbSettings settings, boolean superviseEmbedded) {
    return new Database(settings, superviseEmbedded);
  }

  /** Starts or joins the embedded server when no URL is set, connects, and migrates. */
  public static Database open(DbSettings settings) {
    Database db = create(settings, false);
    db.connect();
    return db;
  }

  /**
   * One attempt to get the database ready: the embedded server started or joined, the
   * credentials checked with a direct connection (so a failure names the server's own reason),
   * the pool opened and the schema migrated. Throws with the reason when it is not there.
   */
  public synchronized void connect() {
    if (pool != null) {
      return;
    }
    try {
      String url;
      String user;
      String password;
      if (settings.embedded()) {
        EmbeddedMariaDb e = embedded.orElseGet(() -> {
          log.info("starting the embedded MariaDB in {} (db.url is not set)",
              settings.dataDir());
          return EmbeddedMariaDb.open(settings.dataDir(), settings.serverDir(), 0, supervise,
              settings.bufferPoolBytes());
        });
        embedded = Optional.of(e);
        url = e.jdbcUrl();
        user = e.user();
        password = e.password();
      } else {
        url = settings.url().orElseThrow();
        user = settings.user();
        password = settings.password();
      }
      Optional<String> problem = await(startCheck(url, user, password, CONNECT_CHECK), CONNECT_CHECK);
      if (problem.isPresent()) {
        throw new StoreException("cannot connect to " + url + " as " + user + ": "
            + problem.get(), null);
      }
      HikariDataSource p = pool(url, user, password, settings.poolSize());
      try {
        migrate(p);
      } catch (RuntimeException e) {
        p.close();
        throw e;
      }
      pool = p;
      gate.open(p);
      // Connections to a server that died are broken; new ones go to the restarted server.
      embedded.ifPresent(e -> e.afterRestart(() -> p.getHikariPoolMXBean()
          .softEvictConnections()));
    } catch (StoreException e) {
      gate.notReady(e.getMessage());
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
      throw new StoreException("database migration failed: " + reason(e), e);
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

  /**
   * The server's own words for a failure: the innermost SQLException's message (the pool's
   * "Connection is not available, request timed out" wraps "Access denied for user …" or
   * "Unknown database …"), first line only, without the driver's "(conn=N)" prefix.
   */
  public static String reason(Throwable e) {
    Throwable deepestSql = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException) {
        deepestSql = t;
      }
    }
    String message = firstLine((deepestSql != null ? deepestSql : e).getMessage());
    return message.replaceFirst("^\\(conn=\\d+\\) ", "");
  }

  /**
   * Why the database does not answer, or empty when it answers a trivial query within
   * {@code timeout}. Uses a connection of its own, not the pool, so a stalled or exhausted pool
   * cannot make the answer wait longer than {@code timeout}.
   */
  public Optional<String> problem(Duration timeout) {
    Optional<String> closedReason = gate.reasonIfNotOpen();
    if (closedReason.isPresent()) {
      return closedReason;
    }
    String url = embedded.map(EmbeddedMariaDb::jdbcUrl).orElseGet(() -> settings.url().get());
    String user = embedded.map(EmbeddedMariaDb::user).orElse(settings.user());
    String password = embedded.map(EmbeddedMariaDb::password).orElse(settings.password());
    CompletableFuture<Optional<String>> answer;
    // One check at a time: callers during a stall share it, so a /healthz poller cannot pile
    // up threads and connection attempts while the server does not answer.
    synchronized (this) {
      if (checkInFlight == null || checkInFlight.isDone()) {
        checkInFlight = startCheck(url, user, password, timeout);
      }
      answer = checkInFlight;
    }
    return await(answer, timeout);
  }

  private static CompletableFuture<Optional<String>> startCheck(String url, String user,
      String password, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> {
      Properties p = new Properties();
      p.setProperty("user", user);
      p.setProperty("password", password);
      // Twice the bound: the wait below answers at the bound with one wording, and the
      // driver's own time-outs only end the abandoned attempt later.
      p.setProperty("connectTimeout", Long.toString(2 * timeout.toMillis()));
      p.setProperty("socketTimeout", Long.toString(2 * timeout.toMillis()));
      try (Connection c = DriverManager.getConnection(url, p);
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT VERSION()")) {
        return rs.next() ? unsupportedServer(rs.getString(1)) : Optional.empty();
      } catch (SQLException e) {
        return Optional.of(reason(e));
      }
    }, CHECKS);
  }

  /** MariaDB's version at the start of {@code SELECT VERSION()}: major and minor. */
  private static final Pattern SERVER_VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.");

  /**
   * Why a server reporting {@code version} ({@code SELECT VERSION()}) cannot hold the store, or
   * empty. The store's statements need MariaDB 10.6 ({@code SKIP LOCKED} claims, {@code INSERT
   * … RETURNING}, {@code SET STATEMENT}); on an older server or on MySQL they would fail one by
   * one with syntax errors that name no cause.
   */
  static Optional<String> unsupportedServer(String version) {
    String v = version == null ? "" : version.strip();
    // A proxy may keep the "5.5.5-" that MariaDB 10 put before its version for old clients.
    if (v.startsWith("5.5.5-")) {
      v = v.substring(6);
    }
    String needs = "Newswire needs MariaDB 10.6 or later: upgrade the server, or unset db.url"
        + " to use the embedded one";
    Matcher m = SERVER_VERSION.matcher(v);
    if (!v.toLowerCase(Locale.ROOT).contains("mariadb") || !m.find()) {
      return Optional.of("the server is not MariaDB (version " + firstLine(version) + "); "
          + needs);
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major < 10 || major == 10 && minor < 6) {
      return Optional.of("the server is MariaDB " + major + "." + minor + "; " + needs);
    }
    return Optional.empty();
  }

  private static Optional<String> await(CompletableFuture<Optional<String>> answer,
      Duration timeout) {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Optional.of("the database did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Optional.of(reason(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * The connection pool's gauges by metric name (active, idle, waiting, size), for the caller to
   * publish (Micrometer lives where metrics are made); empty before connect.
   */
  public java.util.Map<String, java.util.function.Supplier<Number>> poolGauges() {
    var mx = pool == null ? null : pool.getHikariPoolMXBean();
    if (mx == null) {
      return java.util.Map.of();
    }
    var gauges = new java.util.LinkedHashMap<String, java.util.function.Supplier<Number>>();
    gauges.put("newswire.db.connections.active", mx::getActiveConnections);
    gauges.put("newswire.db.connections.idle", mx::getIdleConnections);
    gauges.put("newswire.db.connections.pending", mx::getThreadsAwaitingConnection);
    gauges.put("newswire.db.connections.total", mx::getTotalConnections);
    return gauges;
  }

  public DataSource dataSource() {
    return gate;
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

  /** Stories' line statistics, re-placement on article text, and index housekeeping. */
  public StoryStore stories() {
    return feeds.stories();
  }

  /** The merged feed's read side. */
  public ItemQueries items() {
    return new ItemQueries(dsl);
  }

  /** The item change log and searched columns, for a search index to follow. */
  public ItemChanges changes() {
    return new ItemChanges(dsl);
  }

  DSLContext dsl() {
    return dsl;
  }

  /** The embedded server behind this database, if any (for tests that stop or kill it). */
  Optional<EmbeddedMariaDb> embedded() {
    return embedded;
  }

  /**
   * The process has begun to stop: an embedded server that exits from now on (a stop signal
   * sent to the whole process group reaches it too) is expected to, and says so in the log.
   */
  public void stopping() {
    embedded.ifPresent(EmbeddedMariaDb::stopping);
  }

  @Override
  public synchronized void close() {
    // Saves still pending are written first, while the pool is open.
    feeds.close();
    gate.notReady("the database is closed");
    if (pool != null) {
      pool.close();
      pool = null;
    }
    embedded.ifPresent(EmbeddedMariaDb::close);
  }
}
