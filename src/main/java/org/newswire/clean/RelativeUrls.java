package org.newswire.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;
import org.newswire.model.Entry;
import org.newswire.model.FeedInfo;
import org.newswire.model.ParsedFeed;

/**
 * What {@code parse} of a file without {@code --base-url} can resolve relative URLs against (the
 * feed's own address), and, when there is nothing, the warnings that say which URLs the cleaner
 * will drop for it.
 */
public final class RelativeUrls {
  /** Parsed once (see ItemFurniture). */
  private static final Evaluator IMAGE = Selector.evaluatorOf("img[src]");
  /** URLs named per warning; the rest are counted. */
  private static final int SHOWN = 3;

  private RelativeUrls() {}

  /** The feed's own address (rel="self", else its site link), when it is an absolute http(s) URL. */
  public static Optional<URI> ownAddress(FeedInfo feed) {
    return feed.self().flatMap(RelativeUrls::absoluteHttp)
        .or(() -> feed.link().flatMap(RelativeUrls::absoluteHttp));
  }

  /** One warning per entry that has relative URLs: its link, enclosures, comments, images. */
  public static List<String> dropped(ParsedFeed feed) {
    List<String> warnings = new ArrayList<>();
    List<Entry> entries = feed.entries();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      List<String> urls = new ArrayList<>();
      e.link().filter(RelativeUrls::isRelative).ifPresent(u -> urls.add("link " + u));
      e.comments().filter(RelativeUrls::isRelative).ifPresent(u -> urls.add("comments " + u));
      e.enclosures().stream().map(x -> x.url()).filter(RelativeUrls::isRelative)
          .forEach(u -> urls.add("enclosure " + u));
      for (Optional<String> html : List.of(e.summaryHtml(), e.contentHtml())) {
        html.filter(h -> h.contains("<img")).ifPresent(h -> {
          for (Element img : Jsoup.parseBodyFragment(h).select(IMAGE)) {
            if (isRelative(img.attr("src"))) {
              urls.add("image " + img.attr("src").strip());
            }
          }
        });
      }
      if (!urls.isEmpty()) {
        String shown = String.join(", ", urls.subList(0, Math.min(SHOWN, urls.size())))
            + (urls.size() > SHOWN ? " and " + (urls.size() - SHOWN) + " more" : "");
        warnings.add("entry " + (i + 1) + e.title()
            .map(t -> " (" + Jsoup.parseBodyFragment(t).text().strip() + ")").orElse("")
            + ": relative " + shown + " dropped: no base URL to resolve against (the feed names"
            + " no absolute self or alternate link); pass --base-url URL");
      }
    }
    return warnings;
  }

  private static boolean isRelative(String url) {
    String u = url.strip();
    if (u.isEmpty() || u.startsWith("#")) {
      return false;
    }
    try {
      return !new URI(u.replace(" ", "%20")).isAbsolute();
    } catch (URISyntaxException e) {
      return !u.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*:.*");
    }
  }

  private static Optional<URI> absoluteHttp(String url) {
    try {
      URI u = new URI(url.strip());
      return "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())
          ? Optional.of(u) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
