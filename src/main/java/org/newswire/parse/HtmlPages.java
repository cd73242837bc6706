package org.newswire.parse;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An HTML page where a feed was expected (a site's home page, a login or error page): said so,
 * with the feeds the page advertises ({@code <link rel="alternate" type="application/rss+xml">},
 * the autodiscovery convention), so an admin can copy the right URL into sources.yml.
 */
final class HtmlPages {
  /** An HTML document's start, after BOM, XML prolog, comments and whitespace. */
  private static final Pattern HTML_START = Pattern.compile(
      "^(?:\\s|\uFEFF|<\\?xml[^>]*\\?>|<!--.*?-->)*<(?:!doctype\\s+html|html[\\s>])",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Set<String> FEED_TYPES = Set.of("application/rss+xml",
      "application/atom+xml", "application/feed+json", "application/json");
  /** Links named in the message at most: one line for operators. */
  private static final int SHOWN = 5;

  private HtmlPages() {}

  /** The one-line reason when {@code text} is an HTML page, empty when it is not one. */
  static Optional<String> describe(String text, Optional<URI> url) {
    if (!HTML_START.matcher(text.length() > 4096 ? text.substring(0, 4096) : text).find()) {
      return Optional.empty();
    }
    Document doc = Jsoup.parse(text, url.map(URI::toString).orElse(""));
    Set<String> feeds = new LinkedHashSet<>();
    for (Element link : doc.select("link[rel][type][href]")) {
      String type = link.attr("type").toLowerCase(Locale.ROOT).strip();
      boolean alternate = Set.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"))
          .contains("alternate");
      if (alternate && FEED_TYPES.contains(type)) {
        String abs = link.absUrl("href");
        String href = abs.isEmpty() ? link.attr("href").strip().replaceAll("\\s+", "%20") : abs;
        feeds.add(href + " (" + type + ")");
      }
    }
    String page = "an HTML page came back, not a feed";
    if (feeds.isEmpty()) {
      return Optional.of(page + ", and it advertises no feed (no <link rel=\"alternate\">"
          + " of a feed type); find the site's feed URL and use that");
    }
    String shown = String.join(", ", feeds.stream().limit(SHOWN).toList())
        + (feeds.size() > SHOWN ? " and " + (feeds.size() - SHOWN) + " more" : "");
    return Optional.of(page + "; the page advertises " + (feeds.size() == 1 ? "this feed: " :
        "these feeds: ") + shown + "; use one as the"
        + " source's url");
  }
}
