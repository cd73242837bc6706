package org.newswire.store;

import java.util.Optional;

/**
 * The full-text state an item is stored with: {@code pending} (the page is still to be fetched)
 * or {@code done} with the article (e.g. taken from the feed's own full text).
 */
public record ArticleData(
    String status,
    Optional<String> html,
    Optional<String> text,
    Optional<String> method,
    Optional<String> datelinePlace,
    Optional<String> datelineAgency) {

  public static final String PENDING = "pending";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  public static ArticleData pending() {
    return new ArticleData(PENDING, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
