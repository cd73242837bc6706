package org.newswire.fulltext;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Arbitrates between the heuristic's container and the JSON-LD {@code articleBody}. The page's
 * HTML is preferred (it has paragraphs, links, images) whenever it contains the JSON-LD body's
 * text; the JSON-LD body wins when the heuristic found something else or nothing, since a
 * publisher's structured data is a cleaner witness than any guess.
 */
final class JsonLdBody {
  private static final int MIN_BODY = 200;
  private static final int PROBE = 40;
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0]+");
  private static final Pattern MARKUP = Pattern.compile("<(p|br|div)[\\s/>]", Pattern.CASE_INSENSITIVE);

  private JsonLdBody() {}

  /** The JSON-LD body as content, when it should replace the heuristic's choice. */
  static Optional<Element> choose(JsonLd ld, Optional<Element> heuristic) {
    Optional<String> body = ld.body();
    if (body.isEmpty()) {
      return Optional.empty();
    }
    Element fromLd = toElement(body.get());
    String ldText = normalize(TextRenderer.render(fromLd));
    if (ldText.length() < MIN_BODY) {
      return Optional.empty();
    }
    if (heuristic.isPresent()) {
      String found = normalize(TextRenderer.render(heuristic.get()));
      if (contains(found, ldText)) {
        return Optional.empty();
      }
    }
    return Optional.of(fromLd);
  }

  /** Whether the opening, the middle or the end of {@code ld} occurs in {@code page}. */
  private static boolean contains(String page, String ld) {
    int n = ld.length();
    int[] starts = {0, n / 2 - PROBE / 2, n - PROBE};
    for (int s : starts) {
      String probe = ld.substring(Math.max(0, s), Math.min(n, Math.max(0, s) + PROBE));
      if (page.contains(probe)) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String s) {
    return SPACE.matcher(s).replaceAll(" ").strip();
  }

  /** JSON-LD bodies are plain text with newlines, sometimes HTML. */
  static Element toElement(String body) {
    if (MARKUP.matcher(body).find()) {
      Element div = new Element("div");
      div.appendChildren(Jsoup.parseBodyFragment(body).body().childNodesCopy());
      return div;
    }
    return Paragraphs.toElement(body);
  }
}
