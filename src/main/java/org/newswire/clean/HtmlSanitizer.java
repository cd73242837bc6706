package org.newswire.clean;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Untrusted item HTML to the safe subset Newswire publishes: an allow-list of text and layout
 * elements (no script, style, iframe, object, embed, form, base, meta), no event handlers,
 * style or srcdoc attributes, URLs absolute and http/https/mailto only (plus data: images of
 * common raster types), rel="noopener noreferrer" on links, tracking parameters stripped from
 * links, 1×1 tracking pixels gone. Also renders HTML as plain text. Thread-safe.
 */
public final class HtmlSanitizer {
  private static final Pattern DATA_IMAGE =
      Pattern.compile("^data:image/(png|gif|jpe?g|webp);", Pattern.CASE_INSENSITIVE);
  private static final Safelist SAFELIST = safelist();

  private HtmlSanitizer() {}

  private static Safelist safelist() {
    Safelist s = Safelist.relaxed()
        .addTags("abbr", "acronym", "address", "article", "aside", "bdi", "bdo", "big", "center",
            "del", "details", "dfn", "figcaption", "figure", "font", "footer", "header", "hr",
            "ins", "kbd", "mark", "nav", "s", "samp", "section", "summary", "time", "tt", "var",
            "wbr", "picture", "source", "audio", "video")
        .addAttributes(":all", "title", "lang", "dir")
        .addAttributes("a", "href", "hreflang")
        .addAttributes("img", "src", "alt", "width", "height")
        .addAttributes("abbr", "title")
        .addAttributes("time", "datetime")
        .addAttributes("del", "cite", "datetime")
        .addAttributes("ins", "cite", "datetime")
        .addAttributes("audio", "src", "controls")
        .addAttributes("video", "src", "poster", "controls", "width", "height")
        .addAttributes("source", "src", "type")
        .addAttributes("td", "colspan", "rowspan")
        .addAttributes("th", "colspan", "rowspan", "scope")
        .addProtocols("a", "href", "http", "https", "mailto")
        .addProtocols("img", "src", "http", "https", "data")
        .addProtocols("audio", "src", "http", "https")
        .addProtocols("video", "src", "http", "https")
        .addProtocols("video", "poster", "http", "https")
        .addProtocols("source", "src", "http", "https")
        .addProtocols("del", "cite", "http", "https")
        .addProtocols("ins", "cite", "http", "https")
        .addEnforcedAttribute("a", "rel", "noopener noreferrer");
    s.removeProtocols("a", "href", "ftp");
    return s.preserveRelativeLinks(false);
  }

  /** Safe HTML with URLs made absolute against {@code baseUri} (may be empty). */
  public static String sanitize(String html, String baseUri) {
    if (html == null || html.isBlank()) {
      return "";
    }
    String base = baseUri == null ? "" : baseUri;
    Document dirty = Jsoup.parseBodyFragment(html, base);
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    for (Element img : clean.select("img")) {
      String src = img.attr("src");
      if (src.isEmpty() || isTrackingPixel(img)
          || src.regionMatches(true, 0, "data:", 0, 5) && !DATA_IMAGE.matcher(src).find()) {
        img.remove();
      }
    }
    for (Element a : clean.select("a[href]")) {
      a.attr("href", Urls.stripTracking(a.attr("href")));
    }
    clean.outputSettings().prettyPrint(false);
    return clean.body().html();
  }

  private static boolean isTrackingPixel(Element img) {
    return dimension(img.attr("width")) == 1 && dimension(img.attr("height")) == 1
        || dimension(img.attr("width")) == 0 && dimension(img.attr("height")) == 0;
  }

  private static int dimension(String v) {
    String d = v.strip().toLowerCase(Locale.ROOT).replace("px", "");
    try {
      return d.isEmpty() ? -1 : Integer.parseInt(d);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Visible text of an HTML fragment, one paragraph per line, whitespace collapsed. */
  public static String toText(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return TextRenderer.tidy(html);
    }
    return TextRenderer.render(Jsoup.parseBodyFragment(html).body());
  }

  /** Plain text on one line: tags stripped, entities decoded, whitespace collapsed. */
  public static String toLine(String html) {
    return toText(html).replace('\n', ' ');
  }
}
