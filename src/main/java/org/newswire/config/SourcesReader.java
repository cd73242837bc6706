package org.newswire.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newswire.model.ExtractRules;
import org.newswire.model.Source;

/** The {@code sources:} list of sources.yml, with {@code defaults:} applied to every entry. */
final class SourcesReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private SourcesReader() {}

  private record Defaults(Duration interval, ZoneId timezone, Optional<String> language,
      boolean fulltext) {}

  static List<Source> read(Section root, List<ConfigError> errors,
      List<ConfigError> warnings, ConfigLoader.SelectorCheck selectors) {
    Defaults defaults = root.section("defaults").map(SourcesReader::readDefaults)
        .orElse(new Defaults(Source.DEFAULT_INTERVAL, ZoneId.of("UTC"), Optional.empty(), false));
    if (!hasSourcesList(root, errors, warnings)) {
      root.finish();
      return List.of();
    }
    List<Source> out = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (Node n : root.list("sources")) {
      Section s = Section.of(pathOf(root), n, "sources[]", errors);
      if (s == null) {
        continue;
      }
      readSource(s, defaults, selectors).ifPresent(src -> {
        Node prev = seen.putIfAbsent(src.id(), n);
        if (prev != null) {
          s.error(n, "duplicate source id '" + src.id() + "' (first at line " + prev.line() + ")");
        } else {
          out.add(src);
        }
      });
    }
    root.finish();
    return out;
  }

  /**
   * An empty or cut-short file must not read as "no sources": applied on a reload it would stop
   * every poll without a word. So the list must be there; an explicit empty one is allowed.
   */
  private static boolean hasSourcesList(Section root, List<ConfigError> errors,
      List<ConfigError> warnings) {
    Optional<Node> list = root.raw("sources");
    if (list.isEmpty()) {
      Node at = root.node();
      errors.add(new ConfigError(root.file(), at.line(), at.column(), "no 'sources' list (is the"
          + " file empty or cut short?); write 'sources: []' to run with no sources"));
      return false;
    }
    Node n = list.get();
    if (n instanceof Node.Sequence q && q.items().isEmpty()
        || n instanceof Node.Scalar s && s.text() == null) {
      warnings.add(new ConfigError(root.file(), n.line(), n.column(),
          "warning: 'sources' is empty; nothing will be polled"));
    }
    return true;
  }

  private static java.nio.file.Path pathOf(Section s) {
    return s.file();
  }

  private static Defaults readDefaults(Section s) {
    Defaults d = new Defaults(
        s.duration("interval", Source.DEFAULT_INTERVAL, Source.MIN_INTERVAL),
        zone(s, "timezone", ZoneId.of("UTC")),
        s.string("language"),
        s.bool("fulltext", false));
    s.finish();
    return d;
  }

  private static Optional<Source> readSource(Section s, Defaults d,
      ConfigLoader.SelectorCheck selectors) {
    Optional<String> id = s.string("id");
    Optional<String> urlText = s.string("url");
    boolean ok = true;
    if (id.isEmpty()) {
      s.error(s.node(), "source needs an 'id'");
      ok = false;
    } else if (!ID.matcher(id.get()).matches()) {
      s.error(s.raw("id").orElseThrow(), "'id' must be 1-64 of a-z 0-9 . _ - starting with a"
          + " letter or digit, found '" + id.get() + "'");
      ok = false;
    }
    Optional<URI> url = urlText.flatMap(u -> httpUrl(s, u));
    if (urlText.isEmpty()) {
      s.error(s.node(), "source " + id.map(i -> "'" + i + "' ").orElse("") + "needs a 'url'");
    }
    Source src = new Source(
        id.orElse("?"),
        url.orElse(URI.create("http://invalid/")),
        s.string("title"),
        s.duration("interval", d.interval(), Source.MIN_INTERVAL),
        s.string("language").or(d::language),
        s.strings("categories"),
        zone(s, "timezone", d.timezone()),
        s.bool("enabled", true),
        s.bool("fulltext", d.fulltext()),
        s.section("extract").map(e -> readExtract(e, selectors)).orElse(ExtractRules.none()),
        s.bool("stories", true));
    s.finish();
    return ok && url.isPresent() ? Optional.of(src) : Optional.empty();
  }

  private static ExtractRules readExtract(Section s, ConfigLoader.SelectorCheck selectors) {
    ExtractRules r = new ExtractRules(s.string("content"), s.strings("remove"));
    s.raw("content").ifPresent(n -> checkSelector(s, n, selectors));
    s.raw("remove").filter(Node.Sequence.class::isInstance)
        .ifPresent(n -> ((Node.Sequence) n).items().forEach(i -> checkSelector(s, i, selectors)));
    s.finish();
    return r;
  }

  private static void checkSelector(Section s, Node n, ConfigLoader.SelectorCheck selectors) {
    if (n instanceof Node.Scalar v && v.text() != null && !v.text().isBlank()) {
      selectors.problem(v.text().trim()).ifPresent(p ->
          s.error(n, "not a valid CSS selector '" + v.text().trim() + "': " + p));
    }
  }

  private static Optional<URI> httpUrl(Section s, String text) {
    try {
      URI u = new URI(text);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    s.error(s.raw("url").orElseThrow(), "'url' must be an absolute http(s) URL, found '"
        + text + "'");
    return Optional.empty();
  }

  private static ZoneId zone(Section s, String key, ZoneId def) {
    return s.value(key, def, "a time zone like UTC, Europe/Moscow or +03:00", t -> {
      try {
        return Optional.of(ZoneId.of(t));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    });
  }
}
