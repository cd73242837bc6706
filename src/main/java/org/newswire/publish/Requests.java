package org.newswire.publish;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.newswire.model.Source;
import org.newswire.search.SearchQuery;
import org.newswire.store.ItemQueries;

/**
 * Reads and checks a request's parameters. Each rejection is one line a reader can act on;
 * unknown parameters are ignored (readers and proxies add cache-busters).
 */
final class Requests {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

  sealed interface Parsed {}

  /** @param search the {@code q} parameter, read; the store's query then only filters */
  record Valid(FeedQuery key, ItemQueries.Query query, Optional<SearchQuery> search)
      implements Parsed {}

  record Invalid(String reason) implements Parsed {}

  record Unknown(String reason) implements Parsed {}

  private Requests() {}

  /**
   * @param sources the configured sources
   * @param stored the ids of the sources with stored items: a source removed from the
   *     configuration keeps its items, and its id keeps selecting them
   */
  static Parsed parse(Format format, Optional<String> pathSource,
      Map<String, List<String>> params, URI base, Map<String, Source> sources,
      Set<String> stored) {
    if (pathSource.isPresent() && !sources.containsKey(pathSource.get())
        && !stored.contains(pathSource.get())) {
      return new Unknown("no source " + pathSource.get());
    }
    Set<String> listed = new TreeSet<>();
    for (String v : params.getOrDefault("source", List.of())) {
      for (String id : v.split(",", -1)) {
        String t = id.trim();
        if (!ID.matcher(t).matches()) {
          return new Invalid("source: '" + printable(t) + "' is not a source id");
        }
        if (!sources.containsKey(t) && !stored.contains(t)) {
          return new Invalid("source: no source '" + t + "'");
        }
        listed.add(t);
      }
    }
    Optional<String> category = single(params, "category");
    Optional<String> lang = single(params, "lang");
    Optional<String> q = single(params, "q").map(String::strip);
    Optional<String> limitText = single(params, "limit");
    Optional<String> before = single(params, "before");
    Optional<String> group = single(params, "group");
    for (String name : List.of("category", "lang", "q", "limit", "before", "group")) {
      if (params.getOrDefault(name, List.of()).size() > 1) {
        return new Invalid(name + ": given more than once");
      }
    }
    int limit = FeedQuery.DEFAULT_LIMIT;
    if (limitText.isPresent()) {
      try {
        limit = Integer.parseInt(limitText.get());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > FeedQuery.MAX_LIMIT) {
        return new Invalid("limit: must be a number from 1 to " + FeedQuery.MAX_LIMIT);
      }
    }
    if (lang.isPresent() && !LANG.matcher(lang.get()).matches()) {
      return new Invalid("lang: '" + printable(lang.get()) + "' is not a language tag");
    }
    Optional<SearchQuery> search = Optional.empty();
    if (q.isPresent()) {
      SearchQuery.Parsed read = SearchQuery.parse(q.get());
      if (read instanceof SearchQuery.Malformed m) {
        return new Invalid(m.reason());
      }
      search = Optional.of(((SearchQuery.Valid) read).query());
    }
    if (group.isPresent() && !group.get().equals("story") && !group.get().equals("none")) {
      return new Invalid("group: '" + printable(group.get()) + "' is not 'story' or 'none'");
    }
    boolean allItems = group.filter("none"::equals).isPresent();
    Optional<ItemQueries.Cursor> cursor = Optional.empty();
    if (before.isPresent()) {
      cursor = Cursors.decode(before.get());
      if (cursor.isEmpty()) {
        return new Invalid("before: not a cursor this server issued");
      }
    }
    Optional<Set<String>> ids = Optional.empty();
    if (pathSource.isPresent() || !listed.isEmpty() || category.isPresent() || lang.isPresent()) {
      Set<String> chosen = new TreeSet<>();
      for (Source s : sources.values()) {
        if (pathSource.map(s.id()::equals).orElse(true)
            && (listed.isEmpty() || listed.contains(s.id()))
            && category.map(c -> hasCategory(s, c)).orElse(true)
            && lang.map(l -> hasLanguage(s, l)).orElse(true)) {
          chosen.add(s.id());
        }
      }
      // A removed source has no categories or language: only its id selects it.
      if (category.isEmpty() && lang.isEmpty()) {
        for (String id : pathSource.map(Set::of).orElse(listed)) {
          if (!sources.containsKey(id) && (listed.isEmpty() || listed.contains(id))) {
            chosen.add(id);
          }
        }
      }
      if (category.isPresent() && sources.values().stream()
          .noneMatch(s -> hasCategory(s, category.get()))) {
        return new Invalid("category: no source has category '" + printable(category.get())
            + "'");
      }
      if (lang.isPresent() && sources.values().stream()
          .noneMatch(s -> hasLanguage(s, lang.get()))) {
        return new Invalid("lang: no source is in language '" + lang.get() + "'");
      }
      ids = Optional.of(chosen);
    }
    FeedQuery key = new FeedQuery(format, pathSource, List.copyOf(listed), category,
        lang.map(l -> l.toLowerCase(Locale.ROOT)), q, allItems, limit, before, base);
    // A feed of chosen sources (/sources/{id}/feed.*, source=) is theirs: every item they
    // carried, each listing its story's other reports; the merged feed, filtered by category
    // or language or searched, shows each story once.
    boolean grouped = !allItems && pathSource.isEmpty() && listed.isEmpty();
    return new Valid(key, new ItemQueries.Query(ids, limit, cursor, grouped),
        search);
  }

  private static Optional<String> single(Map<String, List<String>> params, String name) {
    List<String> v = params.getOrDefault(name, List.of());
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  static boolean hasCategory(Source s, String category) {
    return s.categories().stream().anyMatch(c -> c.equalsIgnoreCase(category.strip()));
  }

  /** {@code lang=ru} matches sources in {@code ru} and {@code ru-RU} (RFC 4647 basic filter). */
  static boolean hasLanguage(Source s, String lang) {
    String want = lang.toLowerCase(Locale.ROOT);
    return s.language().map(l -> l.toLowerCase(Locale.ROOT).replace('_', '-'))
        .filter(l -> l.equals(want) || l.startsWith(want + "-")).isPresent();
  }

  /** A value fit to echo in a one-line message: short, no control characters. */
  static String printable(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }
}
