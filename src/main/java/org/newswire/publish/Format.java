package org.newswire.publish;

/** The documents the publisher renders, with the media type each is served as. */
public enum Format {
  ATOM("application/atom+xml; charset=utf-8"),
  RSS("application/rss+xml; charset=utf-8"),
  JSON("application/feed+json; charset=utf-8"),
  HTML("text/html; charset=utf-8"),
  OPML("text/x-opml; charset=utf-8"),
  /** {@code /stories/{id}.json}: a story's reports (its HTML page is {@link #HTML}). */
  STORY_JSON("application/json; charset=utf-8");

  private final String contentType;

  Format(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }
}
