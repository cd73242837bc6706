package org.newswire.clean;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Visible text of parsed HTML, one paragraph (block element, or br) per line. */
final class TextRenderer implements NodeVisitor {
  static final Set<String> BLOCKS = Set.of(
      "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
      "h5", "h6", "blockquote", "pre", "hr", "dd", "dt", "dl", "section", "article", "header",
      "footer", "figure", "figcaption", "address", "center", "caption", "main", "aside", "nav");
  private static final Set<String> HIDDEN = Set.of("script", "style", "template", "head", "title");

  private final StringBuilder out = new StringBuilder();
  private int hidden;
  // Whitespace seen since the last word: a line break wins over a space. Collapsing as the text
  // arrives, with words appended in one piece, spares a second pass over every item's text.
  private boolean space;
  private boolean newline;

  static String render(Node root) {
    TextRenderer r = new TextRenderer();
    NodeTraversor.traverse(r, root);
    return r.out.toString();
  }

  @Override
  public void head(Node node, int depth) {
    if (node instanceof TextNode t) {
      if (hidden == 0) {
        append(t.getWholeText());
      }
    } else if (node instanceof Element e) {
      String tag = e.normalName();
      if (HIDDEN.contains(tag)) {
        hidden++;
      } else if (BLOCKS.contains(tag)) {
        lineBreak();
      }
    }
  }

  @Override
  public void tail(Node node, int depth) {
    if (node instanceof Element e) {
      String tag = e.normalName();
      if (HIDDEN.contains(tag)) {
        hidden--;
      } else if (BLOCKS.contains(tag)) {
        lineBreak();
      }
    }
  }

  /** Whitespace collapsed within lines, blank lines dropped, lines trimmed. */
  static String tidy(CharSequence s) {
    TextRenderer r = new TextRenderer();
    r.append(s.toString());
    return r.out.toString();
  }

  private void lineBreak() {
    newline = true;
    space = false;
  }

  private void append(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        lineBreak();
        i++;
      } else if (isSpace(c)) {
        space = true;
        i++;
      } else {
        int end = i + 1;
        while (end < n && s.charAt(end) != '\n' && !isSpace(s.charAt(end))) {
          end++;
        }
        if (out.length() > 0) {
          if (newline) {
            out.append('\n');
          } else if (space) {
            out.append(' ');
          }
        }
        newline = false;
        space = false;
        out.append(s, i, end);
        i = end;
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
  }
}
