package org.newswire.model;

import java.util.List;

/**
 * What one feed document says. Between {@code parse} and {@code clean} the HTML fields of the
 * entries are raw (as the feed had them); after {@code clean} they are sanitized and the text
 * fields are filled.
 *
 * @param encoding the character encoding the document was decoded with (e.g. "windows-1251")
 * @param format the format recognised, e.g. "rss_2.0", "atom_1.0", "json_1.1"
 */
public record ParsedFeed(String encoding, String format, FeedInfo feed, List<Entry> entries) {

  public ParsedFeed {
    entries = List.copyOf(entries);
  }

  public ParsedFeed withEntries(List<Entry> newEntries) {
    return new ParsedFeed(encoding, format, feed, newEntries);
  }

  public ParsedFeed withFeed(FeedInfo newFeed) {
    return new ParsedFeed(encoding, format, newFeed, entries);
  }
}
