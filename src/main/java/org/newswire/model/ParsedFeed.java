package org.newswire.model;

import java.util.List;

/**
 * What one feed document says. Between {@code parse} and {@code clean} the HTML fields of the
 * entries are raw (as the feed had them); after {@code clean} they are sanitized and the text
 * fields are filled.
 *
 * @param encoding the character encoding the document was decoded with (e.g. "windows-1251")
 * @param format the format recognised, e.g. "rss_2.0", "atom_1.0", "json_1.1"
 * @param warnings what was dropped to keep the feed readable, one line each (e.g. an invalid
 *     optional element); empty for a document read as written
 */
public record ParsedFeed(String encoding, String format, FeedInfo feed, List<Entry> entries,
    List<String> warnings) {

  public ParsedFeed {
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }

  public ParsedFeed(String encoding, String format, FeedInfo feed, List<Entry> entries) {
    this(encoding, format, feed, entries, List.of());
  }

  public ParsedFeed withEntries(List<Entry> newEntries) {
    return new ParsedFeed(encoding, format, feed, newEntries, warnings);
  }

  public ParsedFeed withFeed(FeedInfo newFeed) {
    return new ParsedFeed(encoding, format, newFeed, entries, warnings);
  }
}
