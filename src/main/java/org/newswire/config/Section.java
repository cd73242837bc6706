package org.newswire.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validating reads from one YAML mapping. Every bad value is recorded as a
 * {@link ConfigError} (with its position) and replaced by the default, so a file's errors are
 * all reported at once; keys never read are reported as unknown by {@link #finish()}.
 */
final class Section {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private final Path file;
  private final Node.Mapping mapping;
  private final String name;
  private final List<ConfigError> errors;
  private final Set<String> read = new HashSet<>();

  Section(Path file, Node.Mapping mapping, String name, List<ConfigError> errors) {
    this.file = file;
    this.mapping = mapping;
    this.name = name;
    this.errors = errors;
  }

  /** The section for {@code node}, or null (after reporting) when it is not a mapping. */
  static Section of(Path file, Node node, String name, List<ConfigError> errors) {
    if (node instanceof Node.Mapping m) {
      return new Section(file, m, name, errors);
    }
    if (node instanceof Node.Scalar s && s.text() == null) {
      return new Section(file, new Node.Mapping(new java.util.LinkedHashMap<>(), s.line(),
          s.column()), name, errors);
    }
    errors.add(new ConfigError(file, node.line(), node.column(),
        (name.isEmpty() ? "the document" : "'" + name + "'") + " must be a mapping, found "
            + node.kind()));
    return null;
  }

  void error(Node at, String message) {
    errors.add(new ConfigError(file, at.line(), at.column(), message));
  }

  Path file() {
    return file;
  }

  int line() {
    return mapping.line();
  }

  int column() {
    return mapping.column();
  }

  Node.Mapping node() {
    return mapping;
  }

  Optional<Node> raw(String key) {
    read.add(key);
    Node.Entry e = mapping.map().get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  private String qualified(String key) {
    return name.isEmpty() ? key : name + "." + key;
  }

  Optional<Section> section(String key) {
    return raw(key).map(n -> of(file, n, qualified(key), errors));
  }

  /** A scalar's text; absent, null and empty all read as empty. */
  Optional<String> string(String key) {
    Optional<Node> n = raw(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof Node.Scalar s) {
      return Optional.ofNullable(s.text()).map(String::trim).filter(t -> !t.isEmpty());
    }
    error(n.get(), "'" + qualified(key) + "' must be a single value, found " + n.get().kind());
    return Optional.empty();
  }

  <T> T value(String key, T def, String expected, Function<String, Optional<T>> convert) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return def;
    }
    Optional<T> v = convert.apply(s.get());
    if (v.isEmpty()) {
      error(raw(key).orElseThrow(),
          "'" + qualified(key) + "' must be " + expected + ", found '" + s.get() + "'");
      return def;
    }
    return v.get();
  }

  boolean bool(String key, boolean def) {
    return value(key, def, "true or false", s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> Optional.of(true);
      case "false", "no", "off" -> Optional.of(false);
      default -> Optional.empty();
    });
  }

  int integer(String key, int def, int min, int max) {
    return value(key, def, "a whole number from " + min + " to " + max, s -> {
      try {
        int v = Integer.parseInt(s);
        return v >= min && v <= max ? Optional.of(v) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  Duration duration(String key, Duration def, Duration min) {
    return value(key, def, "a duration of at least " + describe(min) + " (like 90s, 15m, 2h)",
        s -> parseDuration(s).filter(d -> d.compareTo(min) >= 0));
  }

  long size(String key, long def) {
    return value(key, def, "a size (like 16MiB or 1048576)", Section::parseSize);
  }

  long size(String key, long def, long min, long max) {
    return value(key, def, "a size from " + describeSize(min) + " to " + describeSize(max)
        + " (like 256MiB or 2GiB)", s -> parseSize(s).filter(v -> v >= min && v <= max));
  }

  private static String describeSize(long bytes) {
    long mib = 1024L * 1024;
    return bytes % (1024 * mib) == 0 ? bytes / (1024 * mib) + "GiB"
        : bytes % mib == 0 ? bytes / mib + "MiB" : bytes + " bytes";
  }

  List<Node> list(String key) {
    Optional<Node> n = raw(key);
    if (n.isEmpty() || n.get() instanceof Node.Scalar s && s.text() == null) {
      return List.of();
    }
    if (n.get() instanceof Node.Sequence q) {
      return q.items();
    }
    error(n.get(), "'" + qualified(key) + "' must be a list, found " + n.get().kind());
    return List.of();
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (Node item : list(key)) {
      if (item instanceof Node.Scalar s && s.text() != null && !s.text().isBlank()) {
        out.add(s.text().trim());
      } else {
        error(item, "'" + qualified(key) + "' must list plain values");
      }
    }
    return out;
  }

  /** Reports every key of the mapping that no read asked for. */
  void finish() {
    for (Node.Entry e : mapping.map().values()) {
      if (!read.contains(e.key())) {
        List<String> known = new ArrayList<>(read);
        known.sort(null);
        errors.add(new ConfigError(file, e.keyLine(), e.keyColumn(),
            "unknown key '" + qualified(e.key()) + "'"
                + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")")));
      }
    }
  }

  static Optional<Duration> parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m", "min" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty(); // more than a long or a Duration holds
      }
    }
    try {
      return Optional.of(Duration.parse(s.trim().toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<Long> parseSize(String s) {
    Matcher m = SIZE.matcher(s.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than a long holds
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long mult = switch (unit) {
      case "k", "kb", "kib" -> 1024L;
      case "m", "mb", "mib" -> 1024L * 1024;
      case "g", "gb", "gib" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    if (n <= 0 || n > Long.MAX_VALUE / mult) {
      return Optional.empty();
    }
    return Optional.of(n * mult);
  }

  static String describe(Duration d) {
    if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
