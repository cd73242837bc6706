package org.newswire.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One stored story as the merged feed shows it. {@code contentHtml} is the best full text the
 * store holds (extracted article, else the feed's content); {@code summaryHtml} stays separate.
 * {@code rowId} is the database's key: for paging only, never an entry id (RFC 4287 §4.2.6 wants
 * ids that survive a rebuild; {@code sourceId} + {@code identityHash} do).
 *
 * @param storyId the story the item belongs to; empty for an item no story was assigned to
 *     yet, which then stands as a story of its own
 * @param alsoFrom other reports of the same story (other agencies, or the same agency again),
 *     first seen first, at most a page's worth: the story page lists them all
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
    OptionalLong storyId,
    List<Report> alsoFrom) {

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

  /**
   * One report of a story, as the story page and the entry's related links show it.
   * {@code identityHash} with {@code sourceId} makes the report's own entry id.
   */
  public record Report(String sourceId, String identityHash, Optional<String> title,
      Optional<String> link, Instant publishedAt, Instant firstSeenAt) {}
}
