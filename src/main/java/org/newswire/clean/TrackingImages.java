package org.newswire.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Images a reader never sees and that only report the reading to a counter: hidden by the
 * {@code hidden} attribute or by CSS (their own or an ancestor's), at most one pixel wide or
 * high, tucked into {@code <noscript>}, or served by a web-analytics host. Agencies' CMSs add
 * them to every item ("LiveInternet", "Top@Mail.Ru" and Yandex.Metrika counters, FeedBurner's
 * per-item pixel), and every reader that shows the item would ping them.
 */
final class TrackingImages {
  /**
   * Hosts (and, where the host also serves real content, a path prefix) whose images are
   * counters or beacons, never content. Kept short and specific: a content host here would
   * cost readers real pictures. Add an entry when a feed shows a new one, with its service.
   */
  private static final List<String> ANALYTICS = List.of(
      "counter.yadro.ru", // LiveInternet
      "www.liveinternet.ru/counter",
      "top-fwz1.mail.ru", // Top@Mail.Ru
      "top.mail.ru/counter",
      "mc.yandex.ru", // Yandex.Metrika
      "counter.rambler.ru", // Rambler Top100
      "top100-images.rambler.ru",
      "www.google-analytics.com", // Google Analytics
      "google-analytics.com",
      "ssl.google-analytics.com",
      "stats.g.doubleclick.net",
      "pixel.wp.com", // WordPress.com stats
      "stats.wordpress.com",
      "www.facebook.com/tr", // Meta pixel
      "sb.scorecardresearch.com", // comScore
      "b.scorecardresearch.com",
      "pixel.quantserve.com", // Quantcast
      "feeds.feedblitz.com/~/i/", // FeedBlitz per-item pixel
      "da.feedsportal.com/r/", // Feedsportal (Mediafed) pixels
      "pi.feedsportal.com",
      "pixel.feedsportal.com");
  /** FeedBurner's per-item pixel: feeds.feedburner.com/~r/FEED/~4/ITEM. */
  private static final Pattern FEEDBURNER_PIXEL =
      Pattern.compile("^/~r/[^/]+/~4/", Pattern.CASE_INSENSITIVE);
  private static final Pattern HIDDEN_STYLE = Pattern.compile(
      "(?:^|;)\\s*(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_SIZE = Pattern.compile(
      "(?:^|;)\\s*(width|height)\\s*:\\s*([0-9.]+)\\s*(px)?\\s*(?:!important)?\\s*(?=;|$)",
      Pattern.CASE_INSENSITIVE);

  private TrackingImages() {}

  /**
   * True for an image of the raw (uncleaned) tree that is hidden or one pixel in size: decided
   * before cleaning, which drops the style and hidden attributes that say so.
   */
  static boolean isHidden(Element img) {
    if (isTiny(img)) {
      return true;
    }
    for (Element e = img; e != null && !e.nameIs("body"); e = e.parent()) {
      if (e.hasAttr("hidden") || hiddenByStyle(e.attr("style"))) {
        return true;
      }
      if (e.nameIs("noscript") && !isLazyFallback(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code <img data-src=… class=lazy><noscript><img src=…></noscript>}: the noscript copy is
   * the real picture for readers without scripts (a feed reader is one), unless the image
   * before it already has a source of its own.
   */
  private static boolean isLazyFallback(Element noscript) {
    Element prev = noscript.previousElementSibling();
    return prev != null && prev.nameIs("img") && prev.attr("src").isBlank();
  }

  private static boolean hiddenByStyle(String style) {
    return !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
  }

  /** Any known dimension of at most one pixel: the size of a beacon, never of a picture. */
  private static boolean isTiny(Element img) {
    double width = dimension(img.attr("width"));
    double height = dimension(img.attr("height"));
    String style = img.attr("style");
    if (!style.isEmpty()) {
      Matcher m = CSS_SIZE.matcher(style);
      while (m.find()) {
        double v = dimension(m.group(2));
        if (m.group(1).equalsIgnoreCase("width")) {
          width = v;
        } else {
          height = v;
        }
      }
    }
    return width >= 0 && width <= 1 || height >= 0 && height <= 1;
  }

  /** An HTML dimension attribute in pixels ("1", "1px"), or -1 when absent or relative. */
  private static double dimension(String v) {
    String d = v.strip().toLowerCase(Locale.ROOT);
    if (d.endsWith("px")) {
      d = d.substring(0, d.length() - 2).strip();
    }
    try {
      return d.isEmpty() ? -1 : Double.parseDouble(d);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** True for an absolute image URL served by one of the analytics hosts above. */
  static boolean isAnalytics(String src) {
    URI u;
    try {
      u = new URI(src);
    } catch (URISyntaxException e) {
      return false;
    }
    if (u.getHost() == null) {
      return false;
    }
    String host = u.getHost().toLowerCase(Locale.ROOT);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (host.equals("feeds.feedburner.com") && FEEDBURNER_PIXEL.matcher(path).find()) {
      return true;
    }
    String hostAndPath = host + path;
    for (String entry : ANALYTICS) {
      int slash = entry.indexOf('/');
      boolean matches = slash < 0 ? host.equals(entry)
          : hostAndPath.regionMatches(true, 0, entry, 0, entry.length())
              && (entry.endsWith("/") || hostAndPath.length() == entry.length()
                  || "/?".indexOf(hostAndPath.charAt(entry.length())) >= 0);
      if (matches) {
        return true;
      }
    }
    return false;
  }
}
