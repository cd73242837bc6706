package org.newswire.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An item's article as the finishing step leaves it: {@code pending} (its page is still to be
 * fetched) or {@code done} with sanitized HTML, plain text and the parsed dateline. Nothing after
 * the finishing step sanitizes or parses it again.
 *
 * @param published the publication time the article gives (page metadata, else the dateline's
 *     day); it replaces a first-seen time the feed had to stand in for
 */
public record FinishedArticle(
    Status status,
    Optional<String> html,
    Optional<String> text,
    Optional<String> method,
    Optional<String> datelinePlace,
    Optional<String> datelineAgency,
    Optional<Instant> published) {

  /** Where the article stands. */
  public enum Status { PENDING, DONE }

  public static FinishedArticle pending() {
    return new FinishedArticle(Status.PENDING, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
