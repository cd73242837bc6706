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

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static ConfigLoader fromSystem() {
    return new ConfigLoader(System.getenv());
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
    r.finish();
    return errors.isEmpty()
        ? new Loaded.Valid<>(new NewswireConfig(file, sources, db, fetch))
        : new Loaded.Invalid<>(errors);
  }

  public Loaded<List<Source>> loadSources(Path file) {
    List<ConfigError> errors = new ArrayList<>();
    Optional<Section> root = readRoot(file, errors);
    if (root.isEmpty()) {
      return new Loaded.Invalid<>(errors);
    }
    List<Source> sources = SourcesReader.read(root.get(), errors);
    return errors.isEmpty() ? new Loaded.Valid<>(sources) : new Loaded.Invalid<>(errors);
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

  private DbSettings readDb(Optional<Section> section, Path dir) {
    Optional<String> url = section.flatMap(s -> s.string("url"));
    String user = section.flatMap(s -> s.string("user")).orElse("newswire");
    Optional<String> filePassword = section.flatMap(s -> s.string("password"));
    String password = Optional.ofNullable(env.get(PASSWORD_ENV)).or(() -> filePassword).orElse("");
    Path dataDir = dir.resolve(section.flatMap(s -> s.string("data_dir")).orElse("data"));
    int pool = section.map(s -> s.integer("pool_size", 10, 2, 200)).orElse(10);
    section.ifPresent(s -> {
      url.filter(u -> !u.startsWith("jdbc:mariadb:") && !u.startsWith("jdbc:mysql:"))
          .ifPresent(u -> s.error(s.raw("url").orElseThrow(),
              "'db.url' must be a jdbc:mariadb:// URL, found '" + u + "'"));
      s.finish();
    });
    return new DbSettings(url, user, password, dataDir.normalize(), pool);
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
        s.string("user_agent").orElse(d.userAgent()));
    s.finish();
    return f;
  }
}
