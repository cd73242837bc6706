package org.newswire.model;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One configured feed. {@code timezone} applies to feed dates that carry no zone;
 * {@code fulltext} asks for each new item's page to be fetched and its article extracted;
 * {@code stories} false keeps the source's items out of story detection (each its own story).
 */
public record Source(
    String id,
    URI url,
    Optional<String> title,
    Duration interval,
    Optional<String> language,
    List<String> categories,
    ZoneId timezone,
    boolean enabled,
    boolean fulltext,
    ExtractRules extract,
    boolean stories) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  public Source {
    categories = List.copyOf(categories);
  }

  /** A source with defaults for everything but its id and URL (tools and tests). */
  public static Source of(String id, URI url) {
    return new Source(id, url, Optional.empty(), DEFAULT_INTERVAL, Optional.empty(), List.of(),
        ZoneId.of("UTC"), true, false, ExtractRules.none(), true);
  }

  public Source withUrl(URI newUrl) {
    return new Source(id, newUrl, title, interval, language, categories, timezone, enabled,
        fulltext, extract, stories);
  }
}
