package org.newswire.fulltext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An article taken from a page (or from the feed itself). {@code contentHtml} is the page's
 * content as found, NOT yet safe: ingest's finishing step sanitizes it once, against
 * {@code baseUri} (from the feed it is the cleaned entry's, already safe). {@code contentText}
 * is plain text with one paragraph per line. The opening dateline of an
 * agency text stays in the body and is also offered parsed in {@code dateline}.
 * {@code canonicalUrl} is the page's {@code <link rel="canonical">}, absolute.
 */
public record Article(
    Optional<String> title,
    Optional<String> author,
    Optional<Instant> published,
    Optional<String> leadImage,
    String contentHtml,
    String contentText,
    Method method,
    Optional<Dateline> dateline,
    Optional<String> canonicalUrl,
    String baseUri) {

  /** How the body was found. */
  public enum Method {
    /** The feed entry already carried the full text; the page was not needed. */
    FEED,
    /** The source's {@code extract.content} selector matched. */
    SELECTOR,
    /** The page's JSON-LD {@code articleBody}. */
    JSONLD,
    /** Main-content detection over the page's blocks. */
    HEURISTIC;

    /** The lower-case name used in JSON output and storage. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The line opening many agency texts, e.g. {@code Бишкек, 03.07.21. /Кабар/.} or
   * {@code BAKU, July 2 (Trend)}: where, when (when the dateline says) and which agency.
   */
  public record Dateline(String place, Optional<LocalDate> date, Optional<String> agency) {}
}
