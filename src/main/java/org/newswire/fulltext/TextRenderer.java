package org.newswire.fulltext;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Plain text of the extracted content, one paragraph per line: block elements and
 * {@code <br>} end a line, table cells of a row are joined by a space, whitespace collapses.
 * (The extractor already holds the DOM, so it renders here instead of serialising and
 * re-parsing the HTML.)
 */
final class TextRenderer {
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder line = new StringBuilder();

  private TextRenderer() {}

  static String render(Element root) {
    TextRenderer r = new TextRenderer();
    r.walk(root);
    r.endLine();
    return r.out.toString();
  }

  private void walk(Node n) {
    if (n instanceof TextNode t) {
      append(t.getWholeText());
      return;
    }
    if (!(n instanceof Element e)) {
      return;
    }
    if (e.nameIs("br")) {
      endLine();
      return;
    }
    boolean block = !TextStats.isInline(e);
    if (block && !e.nameIs("td") && !e.nameIs("th")) {
      endLine();
    } else if (block) {
      append(" ");
    }
    for (Node c = e.firstChild(); c != null; c = c.nextSibling()) {
      walk(c);
    }
    if (block && !e.nameIs("td") && !e.nameIs("th")) {
      endLine();
    }
  }

  private void append(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
          line.append(' ');
        }
      } else {
        line.append(c);
      }
    }
  }

  private void endLine() {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    if (end > 0 && hasLetterOrDigit(line, end)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line, 0, end);
    }
    line.setLength(0);
  }

  /** Lines of bare separators ("|", "•", "—") left between removed links are no text. */
  private static boolean hasLetterOrDigit(CharSequence s, int end) {
    for (int i = 0; i < end; i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
