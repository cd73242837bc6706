package org.newswire.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.model.Source;

class ConfigLoaderTest {
  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Map.of());

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static <T> T valid(Loaded<T> loaded) {
    assertThat(loaded).isInstanceOf(Loaded.Valid.class);
    return ((Loaded.Valid<T>) loaded).value();
  }

  private static List<String> errors(Loaded<?> loaded) {
    assertThat(loaded).isInstanceOf(Loaded.Invalid.class);
    return ((Loaded.Invalid<?>) loaded).errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void readsSourcesWithDefaultsApplied() throws IOException {
    Path f = write("sources.yml", """
        defaults:
          interval: 30m
          timezone: Asia/Bishkek
        sources:
          - id: kabar
            url: https://kabar.kg/rss/
            title: Кабар
            categories: [kyrgyzstan, politics]
          - id: tass
            url: https://tass.ru/rss/v2.xml
            interval: 5m
            timezone: Europe/Moscow
            enabled: false
            fulltext: true
            extract:
              content: .text-content
              remove: [.share, .related]
        """);
    List<Source> sources = valid(loader.loadSources(f));
    assertThat(sources).extracting(Source::id).containsExactly("kabar", "tass");
    Source kabar = sources.get(0);
    assertThat(kabar.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(kabar.timezone()).isEqualTo(ZoneId.of("Asia/Bishkek"));
    assertThat(kabar.title()).contains("Кабар");
    assertThat(kabar.categories()).containsExactly("kyrgyzstan", "politics");
    assertThat(kabar.enabled()).isTrue();
    Source tass = sources.get(1);
    assertThat(tass.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(tass.enabled()).isFalse();
    assertThat(tass.fulltext()).isTrue();
    assertThat(tass.extract().content()).contains(".text-content");
    assertThat(tass.extract().remove()).containsExactly(".share", ".related");
  }

  @Test
  void reportsEveryErrorWithFileLineAndColumn() throws IOException {
    Path f = write("sources.yml", """
        sources:
          - id: ok
            url: https://example.org/feed
          - id: Bad Id
            url: ftp://example.org/feed
          - id: short
            url: https://example.org/a
            interval: 10s
            colour: red
          - id: ok
            url: https://example.org/b
        """);
    List<String> errors = errors(loader.loadSources(f));
    assertThat(errors).containsExactly(
        f + ":4:9: 'id' must be 1-64 of a-z 0-9 . _ - starting with a letter or digit, found"
            + " 'Bad Id'",
        f + ":5:10: 'url' must be an absolute http(s) URL, found 'ftp://example.org/feed'",
        f + ":8:15: 'sources[].interval' must be a duration of at least 1m (like 90s, 15m, 2h),"
            + " found '10s'",
        f + ":9:5: unknown key 'sources[].colour' (known here: categories, enabled, extract,"
            + " fulltext, id, interval, language, stories, timezone, title, url)",
        f + ":10:5: duplicate source id 'ok' (first at line 2)");
  }

  @Test
  void malformedYamlIsOneErrorWithPosition() throws IOException {
    Path f = write("sources.yml", "sources:\n  - id: a\n    url: [unclosed\n");
    List<String> errors = errors(loader.loadSources(f));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith(f + ":").contains("malformed YAML");
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItStartsAndWhatToDo() throws IOException {
    Path f = write("sources.yml", """
        sources:
          - id: kabar
            title: "Кабар — новости
            url: https://kabar.kg/rss/
          - id: akipress
            url: https://akipress.org/rss/
        """);
    List<String> errors = errors(loader.loadSources(f));
    assertThat(errors).containsExactly(f + ":3:12: malformed YAML: the quoted value that starts"
        + " at line 3, column 12 is never closed; the file ends at line 7, column 1 still inside"
        + " it: add the closing \" (a quote inside a value is written \\\" between double"
        + " quotes, '' between single quotes)");
  }

  @Test
  void otherYamlMistakesAreSaidInPlainWordsWithTheirPosition() throws IOException {
    Path bracket = write("sources.yml", "sources:\n  - id: a\n    categories: [kg, news\n");
    assertThat(errors(loader.loadSources(bracket))).containsExactly(bracket + ":3:17: malformed"
        + " YAML: the [ opened at line 3, column 17 is never closed; the file ends at line 4,"
        + " column 1 still inside it: add the closing ]");
    Path colon = write("sources.yml", "sources:\n  - id: a\n    title: Кабар: новости\n");
    assertThat(errors(loader.loadSources(colon))).singleElement().asString()
        .startsWith(colon + ":3:17: malformed YAML: a value contains ': ' at line 3, column 17")
        .endsWith("put the value in quotes");
    Path indent = write("sources.yml", "sources:\n  - id: a\n   url: https://x.org/\n");
    assertThat(errors(loader.loadSources(indent))).singleElement().asString()
        .startsWith(indent + ":3:4: malformed YAML: the line at line 3, column 4 is indented to"
            + " no level of the block that starts at line 2, column 3");
  }

  @Test
  void missingFileIsReported() {
    Path f = dir.resolve("nope.yml");
    assertThat(errors(loader.loadSources(f))).containsExactly(f + ":1:1: file not found");
  }

  @Test
  void daemonConfigDefaultsAndOverrides() throws IOException {
    Path f = write("newswire.yml", """
        sources_file: feeds.yml
        db:
          url: jdbc:mariadb://127.0.0.1:3306/newswire
          user: nw
          password: from-file
        fetch:
          max_body: 2MiB
          call_timeout: 90s
          allow_private_networks: true
          idle_connections: 1000
          max_items: 500
        """);
    NewswireConfig cfg = valid(new ConfigLoader(Map.of(ConfigLoader.PASSWORD_ENV, "from-env"))
        .loadDaemon(f));
    assertThat(cfg.sourcesFile()).isEqualTo(dir.resolve("feeds.yml"));
    assertThat(cfg.db().embedded()).isFalse();
    assertThat(cfg.db().user()).isEqualTo("nw");
    assertThat(cfg.db().password()).isEqualTo("from-env");
    assertThat(cfg.fetch().maxBytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(cfg.fetch().callTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(cfg.fetch().allowPrivateNetworks()).isTrue();
    assertThat(cfg.fetch().maxRedirects()).isEqualTo(5);
    assertThat(cfg.fetch().idleConnections()).isEqualTo(1000);
    assertThat(cfg.fetch().maxItems()).isEqualTo(500);
  }

  @Test
  void emptyDaemonConfigMeansEmbeddedDatabase() throws IOException {
    NewswireConfig cfg = valid(loader.loadDaemon(write("newswire.yml", "")));
    assertThat(cfg.db().embedded()).isTrue();
    assertThat(cfg.db().dataDir()).isEqualTo(dir.resolve("data"));
    assertThat(cfg.fetch()).isEqualTo(FetchSettings.defaults());
    // Beside the data, not in it: MariaDB would take a folder in its datadir for a database.
    assertThat(cfg.search().dir()).isEqualTo(dir.toAbsolutePath().resolve("search"));
  }

  @Test
  void theEmbeddedBufferPoolIsSizedByConfigAndOnlyForTheEmbeddedDatabase() throws IOException {
    assertThat(valid(loader.loadDaemon(write("newswire.yml", ""))).db().bufferPoolBytes())
        .isEqualTo(128L * 1024 * 1024);
    assertThat(valid(loader.loadDaemon(write("newswire.yml", "db:\n  buffer_pool_size: 2GiB\n")))
        .db().bufferPoolBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    Path small = write("small.yml", "db:\n  buffer_pool_size: 4MiB\n");
    assertThat(errors(loader.loadDaemon(small))).containsExactly(small + ":2:21:"
        + " 'db.buffer_pool_size' must be a size from 32MiB to 1024GiB (like 256MiB or 2GiB),"
        + " found '4MiB'");
    Path huge = write("huge.yml", "db:\n  buffer_pool_size: 99999999999GiB\nfetch:\n"
        + "  max_body: 99999999999999999999\n  read_timeout: 999999999999999d\n");
    assertThat(errors(loader.loadDaemon(huge))).hasSize(3).allSatisfy(e -> assertThat(e)
        .asString().contains("must be a"));
    Path server = write("server.yml",
        "db:\n  url: jdbc:mariadb://127.0.0.1:3306/nw\n  buffer_pool_size: 1GiB\n");
    assertThat(errors(loader.loadDaemon(server))).singleElement().asString()
        .startsWith(server + ":3:").contains("'db.buffer_pool_size' sizes the embedded database"
            + " only").contains("innodb_buffer_pool_size");
  }

  @Test
  void searchDirIsReadRelativeToTheConfigFile() throws IOException {
    NewswireConfig cfg = valid(loader.loadDaemon(write("newswire.yml",
        "db:\n  data_dir: /var/lib/newswire/db\nsearch:\n  dir: index\n")));
    assertThat(cfg.search().dir()).isEqualTo(dir.resolve("index"));
    NewswireConfig byData = valid(loader.loadDaemon(write("newswire.yml",
        "db:\n  data_dir: /var/lib/newswire/db\n")));
    assertThat(byData.search().dir()).isEqualTo(Path.of("/var/lib/newswire/search"));
  }

  @Test
  void daemonConfigErrorsAreAllReported() throws IOException {
    Path f = write("newswire.yml", """
        db:
          url: postgres://x
          pool_size: many
        fetch:
          max_redirects: 99
          max_items: 0
        cache: true
        """);
    assertThat(errors(loader.loadDaemon(f))).containsExactly(
        f + ":3:14: 'db.pool_size' must be a whole number from 2 to 200, found 'many'",
        f + ":2:8: 'db.url' must be a jdbc:mariadb:// URL, found 'postgres://x'",
        f + ":5:18: 'fetch.max_redirects' must be a whole number from 0 to 20, found '99'",
        f + ":6:14: 'fetch.max_items' must be a whole number from 1 to 1000000, found '0'",
        f + ":7:1: unknown key 'cache' (known here: db, fetch, http, retention, scheduler, search, sources_file, stories)");
  }

  @Test
  void shippedConfigIsValid() {
    Path shipped = Path.of("config/newswire.yml");
    NewswireConfig cfg = valid(loader.loadDaemon(shipped));
    List<Source> sources = valid(loader.loadSources(cfg.sourcesFile()));
    assertThat(sources).hasSizeGreaterThanOrEqualTo(8);
    assertThat(sources).extracting(Source::id).contains("kabar-ru", "akipress", "24kg", "tass");
  }

  @Test
  void aSourcesFileWithoutItsListIsAnError() throws IOException {
    assertThat(errors(loader.loadSources(write("empty.yml", ""))))
        .singleElement().asString().startsWith(dir.resolve("empty.yml") + ":1:1: no 'sources' list");
    // Cut short before the list: the defaults alone are no config.
    assertThat(errors(loader.loadSources(write("cut.yml", "defaults:\n  interval: 15m\n"))))
        .singleElement().asString().contains("cut.yml:1:").contains("no 'sources' list");
  }

  @Test
  void anExplicitlyEmptyListIsAllowedWithAWarning() throws IOException {
    Loaded<List<Source>> loaded = loader.loadSources(write("none.yml", "# none yet\nsources: []\n"));
    assertThat(valid(loaded)).isEmpty();
    assertThat(((Loaded.Valid<List<Source>>) loaded).warnings()).extracting(ConfigError::toString)
        .singleElement().asString().startsWith(dir.resolve("none.yml") + ":2:")
        .contains("warning: 'sources' is empty");
    Loaded<List<Source>> some = loader.loadSources(write("some.yml",
        "sources:\n  - id: a\n    url: https://a.example/rss\n"));
    assertThat(((Loaded.Valid<List<Source>>) some).warnings()).isEmpty();
  }

  @Test
  void extractSelectorsAreParsed() throws IOException {
    ConfigLoader checking = new ConfigLoader(Map.of(),
        org.newswire.fulltext.ArticleExtractor::selectorProblem);
    Path f = write("sources.yml", """
        sources:
          - id: a
            url: https://a.example/rss
            extract:
              content: "div[[["
              remove: [.share, "p:has(", ".ok > span"]
          - id: b
            url: https://b.example/rss
            extract:
              content: article .body
        """);
    assertThat(errors(checking.loadSources(f))).satisfiesExactly(
        e -> assertThat(e).startsWith(f + ":5:16: not a valid CSS selector 'div[[['"),
        e -> assertThat(e).startsWith(f + ":6:24: not a valid CSS selector 'p:has('"));
  }

  @Test
  void storiesKeysHaveDefaultsAndAreValidatedWithTheirLine() throws IOException {
    NewswireConfig defaults = valid(loader.loadDaemon(write("newswire.yml", "")));
    assertThat(defaults.stories()).isEqualTo(new StorySettings(true, java.time.Duration.ofHours(72)));
    NewswireConfig set = valid(loader.loadDaemon(write("newswire.yml",
        "stories:\n  enabled: false\n  window: 2d\n")));
    assertThat(set.stories()).isEqualTo(new StorySettings(false, java.time.Duration.ofDays(2)));
    Path bad = write("newswire.yml", "stories:\n  enabled: maybe\n  window: 90d\n  windw: 1h\n");
    assertThat(errors(loader.loadDaemon(bad))).satisfiesExactlyInAnyOrder(
        e -> assertThat(e).startsWith(bad + ":2:").contains("'stories.enabled' must be true or false"),
        e -> assertThat(e).startsWith(bad + ":3:").contains("'stories.window' must be at most 30d"),
        e -> assertThat(e).startsWith(bad + ":4:").contains("windw"));
    Path sources = write("sources.yml", """
        sources:
          - id: kabar
            url: https://kabar.kg/rss/
          - id: archive
            url: https://archive.example/rss
            stories: false
          - id: odd
            url: https://odd.example/rss
            stories: sometimes
        """);
    assertThat(errors(loader.loadSources(sources))).singleElement().asString()
        .startsWith(sources + ":9:").contains("must be true or false");
    Path good = write("sources.yml", """
        sources:
          - id: kabar
            url: https://kabar.kg/rss/
          - id: archive
            url: https://archive.example/rss
            stories: false
        """);
    assertThat(valid(loader.loadSources(good))).extracting(org.newswire.model.Source::stories)
        .containsExactly(true, false);
  }
}
