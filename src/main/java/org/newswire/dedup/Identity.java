package org.newswire.dedup;

/**
 * Who an item is within its source. {@code kind} says which key decided: the feed's GUID, the
 * item's canonical link, or its content (title + date + text) when the feed gives neither.
 */
public record Identity(Kind kind, String hash) {
  public enum Kind {
    GUID,
    LINK,
    CONTENT;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
