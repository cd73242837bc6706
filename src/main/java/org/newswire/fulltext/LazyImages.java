package org.newswire.fulltext;

import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Lazy-loading pages put a placeholder (a data: URI, a 1×1 gif, nothing) in {@code src} and the
 * real address in {@code data-src}, {@code data-original}, {@code data-lazy-src} or a
 * {@code srcset}/{@code data-srcset}; the sanitizer drops data attributes, so the real source
 * is moved into {@code src} before it runs.
 */
final class LazyImages {
  // Parsed once: select(String) parses its CSS query on every call.
  private static final Evaluator IMAGES = Selector.evaluatorOf("img, source");
  private static final Evaluator PICTURE = Selector.evaluatorOf("picture");
  private static final Evaluator IMAGE = Selector.evaluatorOf("img");
  private static final Evaluator SOURCE = Selector.evaluatorOf("source[src]");
  private static final String[] SOURCES = {
    "data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-full-src",
    "data-hi-res-src", "data-srcset", "srcset", "data-lazy-srcset"
  };
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "^data:|blank|placeholder|spacer|pixel|lazy|loading|1x1|transparent", Pattern.CASE_INSENSITIVE);

  private LazyImages() {}

  static void resolve(Element content) {
    for (Element img : content.select(IMAGES)) {
      String src = img.attr("src").strip();
      if (!src.isEmpty() && !PLACEHOLDER.matcher(src).find()) {
        continue;
      }
      for (String attr : SOURCES) {
        String v = img.attr(attr).strip();
        if (!v.isEmpty()) {
          String real = attr.endsWith("srcset") ? largest(v) : v;
          if (!real.isEmpty() && !real.startsWith("data:")) {
            img.attr("src", real);
            break;
          }
        }
      }
    }
    // <picture><source srcset> ... <img>: the sanitizer keeps only <img>, so give it a source.
    for (Element pic : content.select(PICTURE)) {
      Element img = pic.selectFirst(IMAGE);
      Element source = pic.selectFirst(SOURCE);
      if (img != null && img.attr("src").isBlank() && source != null) {
        img.attr("src", source.attr("src"));
      }
    }
  }

  /** The candidate of a srcset with the largest width (or density) descriptor. */
  static String largest(String srcset) {
    String best = "";
    double bestSize = -1;
    for (String part : srcset.split(",\\s+|,(?=\\S+\\s)")) {
      String[] bits = part.strip().split("\\s+");
      if (bits.length == 0 || bits[0].isEmpty()) {
        continue;
      }
      double size = 1;
      if (bits.length > 1) {
        String d = bits[1];
        try {
          size = Double.parseDouble(d.substring(0, d.length() - 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          size = 1;
        }
      }
      if (size > bestSize) {
        best = bits[0];
        bestSize = size;
      }
    }
    return best;
  }
}
