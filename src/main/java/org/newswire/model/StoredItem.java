package org.newswire.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One stored story as the merged feed shows it. {@code contentHtml} is the best full text the
 * store holds (extracted article, else the feed's content); {@code summaryHtml} stays separate.
 * {@code rowId} is the database's key: for paging only, never an entry id (RFC 4287 §4.2.6 wants
 * ids that survive a rebuild; {@code sourceId} + {@code identityHash} do).
 *
 * @param alsoFrom the other sources that carried the same story (same canonical URL)
 */
public record StoredItem(
    long rowId,
    String sourceId,
    String identityHash,
    Optional<String> guid,
    Optional<String> link,
    Optional<String> title,
    Optional<String> author,
    List<Person> authors,
    Optional<String> summaryHtml,
    Optional<String> summaryText,
    Optional<String> contentHtml,
    List<String> categories,
    List<Enclosure> enclosures,
    Optional<String> imageUrl,
    Optional<String> comments,
    Instant publishedAt,
    Optional<Instant> updatedAt,
    Instant firstSeenAt,
    List<AlsoFrom> alsoFrom) {

  public StoredItem {
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
    enclosures = List.copyOf(enclosures);
    alsoFrom = List.copyOf(alsoFrom);
  }

  /** The latest of publication and edit: Atom's {@code updated}. */
  public Instant lastChange() {
    return updatedAt.filter(u -> u.isAfter(publishedAt)).orElse(publishedAt);
  }

  /** Another source's copy of the story. */
  public record AlsoFrom(String sourceId, Optional<String> link) {}
}
