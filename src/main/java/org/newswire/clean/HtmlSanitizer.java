package org.newswire.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * Untrusted item HTML to the safe subset Newswire publishes: an allow-list of text and layout
 * elements (no script, style, iframe, object, embed, form, base, meta), no event handlers,
 * style or srcdoc attributes, URLs absolute and http/https/mailto only (plus data: images of
 * common raster types), rel="noopener noreferrer" on links, tracking parameters stripped from
 * links, tracking images gone (see {@link TrackingImages}), nesting no deeper than
 * {@link #MAX_DEPTH} (deeper parts keep only their text). Also renders HTML as plain text.
 * Thread-safe.
 */
public final class HtmlSanitizer {
  private static final Safelist SAFELIST = safelist();
  /** Parsed once: a selector string is parsed again on every select call. */
  private static final Evaluator RAW_TEXT_FRAMES = QueryParser.parse("iframe, noembed, noframes");
  /** Element nesting kept in published HTML (eight levels of layout tables fit). */
  static final int MAX_DEPTH = 32;
  private static final Evaluator IMAGES = QueryParser.parse("img");

  private HtmlSanitizer() {}

  /**
   * Tags and attributes only: URL attributes are checked by {@link SafeUrls} after cleaning,
   * which is both stricter (control characters inside a scheme) and much cheaper than Jsoup's
   * per-attribute protocol test.
   */
  private static Safelist safelist() {
    return new Safelist()
        .addTags("a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
            "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd",
            "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
            "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
            "kbd", "li", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "samp",
            "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup",
            "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul",
            "var", "wbr", "audio", "video")
        .addAttributes(":all", "title", "lang", "dir")
        .addAttributes("a", "href", "hreflang")
        .addAttributes("img", "src", "alt", "width", "height")
        .addAttributes("blockquote", "cite")
        .addAttributes("q", "cite")
        .addAttributes("del", "cite", "datetime")
        .addAttributes("ins", "cite", "datetime")
        .addAttributes("time", "datetime")
        .addAttributes("ol", "start", "type")
        .addAttributes("ul", "type")
        .addAttributes("col", "span", "width")
        .addAttributes("colgroup", "span", "width")
        .addAttributes("table", "summary", "width")
        .addAttributes("td", "abbr", "colspan", "rowspan", "width")
        .addAttributes("th", "abbr", "colspan", "rowspan", "scope", "width")
        .addAttributes("audio", "src", "controls")
        .addAttributes("video", "src", "poster", "controls", "width", "height")
        .addAttributes("source", "src", "type")
        .addEnforcedAttribute("a", "rel", "noopener noreferrer");
  }

  /** Safe HTML with URLs made absolute against {@code baseUri} (may be empty). */
  public static String sanitize(String html, String baseUri) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Element body = cleanBody(html, baseUri);
    return body.html();
  }

  /**
   * {@link #sanitize(String, String)} of an element's inner HTML, for a caller that already
   * holds the parsed tree: spares serialising and re-parsing it. The element is not changed.
   */
  public static String sanitize(Element inner, String baseUri) {
    String base = baseUri == null ? "" : baseUri;
    Document dirty = Document.createShell(base);
    for (Node n : inner.childNodes()) {
      dirty.body().appendChild(n.clone());
    }
    String html = cleanBody(dirty, base).html();
    return html.isBlank() ? "" : html;
  }

  /**
   * Safe HTML and its text from one parse: what the cleaner stores for an item field, without
   * the item's share/subscribe/teaser lines ({@link ItemFurniture}).
   */
  record Sanitized(String html, String text) {}

  static Sanitized sanitizeWithText(String html, String baseUri) {
    if (html == null || html.isBlank()) {
      return new Sanitized("", "");
    }
    Element body = cleanBody(html, baseUri);
    ItemFurniture.remove(body);
    return new Sanitized(body.html(), TextRenderer.render(body));
  }

  private static Element cleanBody(String html, String baseUri) {
    String base = baseUri == null ? "" : baseUri;
    return cleanBody(Jsoup.parseBodyFragment(html, base), base);
  }

  private static Element cleanBody(Document dirty, String base) {
    for (Element frame : dirty.select(RAW_TEXT_FRAMES)) {
      // Their content is raw text to the HTML parser; readers of feeds expect it shown as
      // markup (it is sanitized below like the rest). The element itself always goes.
      String inner = frame.data().isEmpty() ? frame.text() : frame.data();
      frame.before(Jsoup.parseBodyFragment(inner, base).body().html());
      frame.remove();
    }
    for (Element img : dirty.select(IMAGES)) {
      if (TrackingImages.isHidden(img)) {
        img.remove();
      }
    }
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    flattenBelow(clean.body(), MAX_DEPTH);
    SafeUrls urls = new SafeUrls(base);
    for (Element el : clean.body().getAllElements()) {
      urls.fix(el);
      if (el.normalName().equals("img")
          && (!el.hasAttr("src") || TrackingImages.isAnalytics(el.attr("src")))) {
        el.remove();
      }
    }
    clean.outputSettings().prettyPrint(false);
    return clean.body();
  }

  /**
   * Elements deeper than {@code maxDepth} below {@code root} become their text: Jsoup's parser
   * already caps its own stack, but the elements it closed early come out as long runs of
   * empty markup (100,000 nested {@code <div>}s were republished as 1.1 MB per entry), and no
   * reader needs layout that deep. One pass over the tree, so the cost stays linear.
   */
  static void flattenBelow(Element root, int maxDepth) {
    List<Element> boundary = new ArrayList<>();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (depth < maxDepth || !(node instanceof Element e)) {
          return FilterResult.CONTINUE;
        }
        if (e.childNodeSize() > 0 && !(e.childNodeSize() == 1 && e.childNode(0) instanceof TextNode)) {
          boundary.add(e);
        }
        return FilterResult.SKIP_CHILDREN;
      }
    }, root);
    for (Element e : boundary) {
      String text = e.text();
      e.empty();
      if (!text.isEmpty()) {
        e.appendText(text);
      }
    }
  }

  /**
   * Visible text of an HTML fragment, one paragraph per line, whitespace collapsed. Text that
   * mentions a tag keeps it as text; feeds strip it when they publish ({@link PlainText}).
   */
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
