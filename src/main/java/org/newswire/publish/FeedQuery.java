package org.newswire.publish;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One normalised request for a document: the cache key. Two requests that differ only in
 * parameter order or spelling of the same values map to one key, so they share one cached copy.
 *
 * @param pathSource the {@code {id}} of {@code /sources/{id}/feed.*}
 * @param sources the {@code source} parameter's ids, sorted and unique
 * @param allItems {@code group=none}: every item, not one entry per story
 * @param before the cursor token exactly as issued
 * @param base the absolute address the document's links start from
 */
record FeedQuery(Format format, Optional<String> pathSource, List<String> sources,
    Optional<String> category, Optional<String> lang, Optional<String> q, boolean allItems,
    int limit, Optional<String> before, URI base) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  FeedQuery {
    sources = List.copyOf(sources);
  }

  /** The request's own path, e.g. {@code /feed.atom} or {@code /sources/tass/feed.rss}. */
  String path() {
    String ext = switch (format) {
      case ATOM -> "atom";
      case RSS -> "rss";
      case JSON -> "json";
      case HTML, OPML, STORY_JSON -> "";
    };
    if (format == Format.HTML) {
      return "/";
    }
    if (format == Format.OPML) {
      return "/opml";
    }
    return pathSource.map(s -> "/sources/" + s).orElse("") + "/feed." + ext;
  }

  /** This query's absolute URL, with {@code before} replaced (empty: the first page). */
  String url(Format f, Optional<String> cursor) {
    FeedQuery q = new FeedQuery(f, pathSource, sources, category, lang, this.q, allItems, limit,
        cursor, base);
    return Links.resolve(base, q.path() + q.queryString());
  }

  String selfUrl() {
    return url(format, before);
  }

  private String queryString() {
    StringBuilder s = new StringBuilder();
    if (!sources.isEmpty()) {
      add(s, "source", String.join(",", sources));
    }
    category.ifPresent(v -> add(s, "category", v));
    lang.ifPresent(v -> add(s, "lang", v));
    q.ifPresent(v -> add(s, "q", v));
    if (allItems) {
      add(s, "group", "none");
    }
    if (limit != DEFAULT_LIMIT) {
      add(s, "limit", Integer.toString(limit));
    }
    before.ifPresent(v -> add(s, "before", v));
    return s.toString();
  }

  private static void add(StringBuilder s, String name, String value) {
    s.append(s.length() == 0 ? '?' : '&').append(name).append('=')
        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
  }
}
