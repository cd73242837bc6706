package org.newswire.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Feed-level metadata. Text fields are plain text; {@code ttl} is the RSS {@code <ttl>} hint,
 * which the scheduler honours as a lower bound on the poll interval. {@code link} is the site the
 * feed belongs to (Atom {@code rel="alternate"}, RSS {@code <link>}, JSON Feed
 * {@code home_page_url}); {@code self} is the feed's own address (Atom and RSS
 * {@code atom:link rel="self"}, JSON Feed {@code feed_url}).
 */
public record FeedInfo(
    Optional<String> title,
    Optional<String> link,
    Optional<String> id,
    Optional<String> subtitle,
    Optional<String> rights,
    Optional<String> language,
    Optional<Instant> updated,
    Optional<Instant> published,
    Optional<String> author,
    List<Person> authors,
    Optional<String> generator,
    Optional<String> imageUrl,
    List<String> categories,
    Optional<Duration> ttl,
    Optional<String> self) {

  public FeedInfo {
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
  }

  public static FeedInfo empty() {
    return new FeedInfo(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
  }
}
