package org.newswire.fulltext;

import org.jsoup.nodes.Element;

/** Plain text with one paragraph per line as HTML paragraphs. */
final class Paragraphs {
  private Paragraphs() {}

  static Element toElement(String text) {
    Element div = new Element("div");
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        div.appendElement("p").text(line.strip());
      }
    }
    return div;
  }

  static String toHtml(String text) {
    return toElement(text).html();
  }
}
