package org.newswire.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newswire.model.Source;

/**
 * Reads and validates {@code newswire.yml} and {@code sources.yml}. Nothing here throws for a bad
 * file: all problems come back at once as {@link Loaded.Invalid}, each with file:line:column.
 */
public final class ConfigLoader {
  /** Where the daemon's password may come from instead of the file. */
  public static final String PASSWORD_ENV = "NEWSWIRE_DB_PASSWORD";

  /** Says what is wrong with a CSS selector (extract.content / extract.remove), or empty. */
  @FunctionalInterface
  public interface SelectorCheck {
    Optional<String> problem(String selector);
  }

  private final Map<String, String> env;
  private final SelectorCheck selectors;

  /**
   * @param selectors checks extraction selectors; the selector engine lives with extraction,
   *     so the caller hands its check in
   */
  public ConfigLoader(Map<String, String> env, SelectorCheck selectors) {
    this.env = Map.copyOf(env);
    this.selectors = selectors;
  }

  /** A loader that does not check selectors (they fail at extraction time instead). */
  public ConfigLoader(Map<String, String> env) {
    this(env, s -> Optional.empty());
  }

  public static ConfigLoader fromSystem() {
    return new ConfigLoader(System.getenv());
  }

  public static ConfigLoader fromSystem(SelectorCheck selectors) {
    return new ConfigLoader(System.getenv(), selectors);
  }

  public Loaded<NewswireConfig> loadDaemon(Path file) {
    List<ConfigError> errors = new ArrayList<>();
    Optional<Section> root = readRoot(file, errors);
    if (root.isEmpty()) {
      return new Loaded.Invalid<>(errors);
    }
    Section r = root.get();
    Path dir = file.toAbsolutePath().getParent();
    Path sources = dir.resolve(r.string("sources_file").orElse("sources.yml"));
    DbSettings db = readDb(r.section("db"), dir);
    FetchSettings fetch = readFetch(r.section("fetch"));
    HttpSettings http = readHttp(r.section("http"));
    SchedulerSettings scheduler = readScheduler(r.section("scheduler"), r.section("retention"));
    SearchSettings search = readSearch(r.section("search"), dir, db.dataDir());
    StorySettings stories = readStories(r.section("stories"));
    r.finish();
    return errors.isEmpty()
        ? new Loaded.Valid<>(new NewswireConfig(file, sources, db, fetch, http, scheduler,
            search, stories))
        : new Loaded.Invalid<>(errors);
  }

  public Loaded<List<Source>> loadSources(Path file) {
    List<ConfigError> errors = new ArrayList<>();
    Optional<Section> root = readRoot(file, errors);
    if (root.isEmpty()) {
      return new Loaded.Invalid<>(errors);
    }
    List<ConfigError> warnings = new ArrayList<>();
    List<Source> sources = SourcesReader.read(root.get(), errors, warnings, selectors);
    return errors.isEmpty() ? new Loaded.Valid<>(sources, warnings)
        : new Loaded.Invalid<>(errors);
  }

  private static Optional<Section> readRoot(Path file, List<ConfigError> errors) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(
          java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      errors.add(new ConfigError(file, 1, 1, "file not found"));
      return Optional.empty();
    } catch (CharacterCodingException e) {
      errors.add(new ConfigError(file, 1, 1, "not UTF-8 text"));
      return Optional.empty();
    } catch (IOException e) {
      errors.add(new ConfigError(file, 1, 1, "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Section.of(file, YamlReader.read(text), "", errors));
    } catch (YamlReader.SyntaxError e) {
      errors.add(new ConfigError(file, e.line, e.column, e.getMessage()));
      return Optional.empty();
    }
  }

  private static final long MIN_BUFFER_POOL = 32L * 1024 * 1024;
  private static final long MAX_BUFFER_POOL = 1024L * 1024 * 1024 * 1024;

  private DbSettings readDb(Optional<Section> section, Path dir) {
    Optional<String> url = section.flatMap(s -> s.string("url"));
    String user = section.flatMap(s -> s.string("user")).orElse("newswire");
    Optional<String> filePassword = section.flatMap(s -> s.string("password"));
    String password = Optional.ofNullable(env.get(PASSWORD_ENV)).or(() -> filePassword).orElse("");
    Path dataDir = dir.resolve(section.flatMap(s -> s.string("data_dir")).orElse("data"));
    int pool = section.map(s -> s.integer("pool_size", 10, 2, 200)).orElse(10);
    Path serverDir = section.flatMap(s -> s.string("server_dir")).map(dir::resolve)
        .orElseGet(this::defaultServerDir);
    long bufferPool = section.map(s -> s.size("buffer_pool_size",
        DbSettings.DEFAULT_BUFFER_POOL, MIN_BUFFER_POOL, MAX_BUFFER_POOL))
        .orElse(DbSettings.DEFAULT_BUFFER_POOL);
    section.ifPresent(s -> {
      url.filter(u -> !u.startsWith("jdbc:mariadb:") && !u.startsWith("jdbc:mysql:"))
          .ifPresent(u -> s.error(s.raw("url").orElseThrow(),
              "'db.url' must be a jdbc:mariadb:// URL, found '" + u + "'"));
      if (url.isPresent()) {
        s.raw("buffer_pool_size").ifPresent(n -> s.error(n, "'db.buffer_pool_size' sizes the"
            + " embedded database only; with 'db.url' set, size the server's"
            + " innodb_buffer_pool_size instead"));
      }
      s.finish();
    });
    return new DbSettings(url, user, password, dataDir.normalize(), pool,
        serverDir.normalize(), bufferPool);
  }

  /**
   * The embedded server's binaries are a cache, rebuilt from the jar when missing: systemd's
   * CacheDirectory ({@code /var/cache/newswire}), else the user's cache directory.
   */
  public Path defaultServerDir() {
    String systemd = env.get("CACHE_DIRECTORY");
    if (systemd != null && !systemd.isBlank()) {
      return Path.of(systemd.split(":")[0], "mariadb");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return cache.resolve("newswire").resolve("mariadb");
  }

  private static SearchSettings readSearch(Optional<Section> section, Path dir, Path dataDir) {
    SearchSettings s = section.flatMap(x -> x.string("dir"))
        .map(d -> new SearchSettings(dir.resolve(d).normalize()))
        .orElseGet(() -> SearchSettings.besides(dataDir));
    section.ifPresent(Section::finish);
    return s;
  }

  private static FetchSettings readFetch(Optional<Section> section) {
    FetchSettings d = FetchSettings.defaults();
    if (section.isEmpty()) {
      return d;
    }
    Section s = section.get();
    FetchSettings f = new FetchSettings(
        s.duration("connect_timeout", d.connectTimeout(), Duration.ofMillis(100)),
        s.duration("read_timeout", d.readTimeout(), Duration.ofMillis(100)),
        s.duration("call_timeout", d.callTimeout(), Duration.ofSeconds(1)),
        s.size("max_body", d.maxBytes()),
        s.integer("max_redirects", d.maxRedirects(), 0, 20),
        s.bool("allow_private_networks", d.allowPrivateNetworks()),
        s.integer("per_host_concurrency", d.perHostConcurrency(), 1, 64),
        s.integer("idle_connections", d.idleConnections(), 0, 100_000),
        s.string("user_agent").orElse(d.userAgent()),
        s.integer("max_items", d.maxItems(), 1, 1_000_000));
    s.finish();
    return f;
  }

  private static HttpSettings readHttp(Optional<Section> section) {
    HttpSettings d = HttpSettings.defaults();
    if (section.isEmpty()) {
      return d;
    }
    Section s = section.get();
    HttpSettings h = new HttpSettings(
        s.value("listen", d.listen(), "host:port like 0.0.0.0:8080", ConfigLoader::address),
        s.value("status_listen", d.statusListen(), "host:port like 127.0.0.1:8081",
            ConfigLoader::address),
        s.string("public_url").flatMap(u -> httpUrl(s, "public_url", u)),
        s.string("feed_title").orElse(d.feedTitle()),
        s.string("feed_id").orElse(d.feedId()),
        s.duration("max_age", d.maxAge(), Duration.ZERO));
    s.finish();
    return h;
  }

  private static SchedulerSettings readScheduler(Optional<Section> scheduler,
      Optional<Section> retention) {
    SchedulerSettings d = SchedulerSettings.defaults();
    int threads = scheduler.map(s -> s.integer("threads", d.threads(), 1, 256)).orElse(d.threads());
    Duration tick = scheduler.map(s -> s.duration("tick", d.tick(), Duration.ofMillis(100)))
        .orElse(d.tick());
    Duration maxInterval = scheduler.map(s -> s.duration("max_interval", d.maxInterval(),
        Duration.ofMinutes(1))).orElse(d.maxInterval());
    Duration lease = scheduler.map(s -> s.duration("lease", d.lease(), Duration.ofSeconds(5)))
        .orElse(d.lease());
    int days = retention.map(s -> s.integer("days", d.retentionDays(), 0, 36500))
        .orElse(d.retentionDays());
    scheduler.ifPresent(Section::finish);
    retention.ifPresent(Section::finish);
    return new SchedulerSettings(threads, tick, maxInterval, lease, days);
  }

  private static StorySettings readStories(Optional<Section> section) {
    StorySettings d = StorySettings.defaults();
    if (section.isEmpty()) {
      return d;
    }
    Section s = section.get();
    boolean enabled = s.bool("enabled", d.enabled());
    Duration window = s.duration("window", d.window(), StorySettings.MIN_WINDOW);
    if (window.compareTo(StorySettings.MAX_WINDOW) > 0) {
      s.error(s.raw("window").orElseThrow(), "'stories.window' must be at most 30d (the"
          + " candidate index keeps no more), found '" + s.string("window").orElse("") + "'");
      window = d.window();
    }
    s.finish();
    return new StorySettings(enabled, window);
  }

  private static Optional<java.net.InetSocketAddress> address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String host = text.substring(0, colon).replace("[", "").replace("]", "");
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      return port >= 0 && port <= 65535
          ? Optional.of(java.net.InetSocketAddress.createUnresolved(host, port))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<java.net.URI> httpUrl(Section s, String key, String text) {
    try {
      java.net.URI u = new java.net.URI(text);
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    s.error(s.raw(key).orElseThrow(), "'" + key + "' must be an absolute http(s) URL, found '"
        + text + "'");
    return Optional.empty();
  }
}
