package org.newswire.clean;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Visible text of parsed HTML, one paragraph (block element, or br) per line. */
final class TextRenderer implements NodeVisitor {
  private static final Set<String> BLOCKS = Set.of(
      "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
      "h5", "h6", "blockquote", "pre", "hr", "dd", "dt", "dl", "section", "article", "header",
      "footer", "figure", "figcaption", "address", "center", "caption", "main", "aside", "nav");
  private static final Set<String> HIDDEN = Set.of("script", "style", "template", "head", "title");

  private final StringBuilder out = new StringBuilder();
  private int hidden;

  static String render(Node root) {
    TextRenderer r = new TextRenderer();
    NodeTraversor.traverse(r, root);
    return tidy(r.out);
  }

  @Override
  public void head(Node node, int depth) {
    if (node instanceof TextNode t) {
      if (hidden == 0) {
        out.append(t.getWholeText());
      }
    } else if (node instanceof Element e) {
      String tag = e.normalName();
      if (HIDDEN.contains(tag)) {
        hidden++;
      } else if (BLOCKS.contains(tag)) {
        out.append('\n');
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
        out.append('\n');
      }
    }
  }

  /** Whitespace collapsed within lines, blank lines dropped, lines trimmed. */
  static String tidy(CharSequence s) {
    // On arrays rather than through CharSequence and StringBuilder: this runs over every
    // character of every item's text, and per-character calls were a hot spot of ingest.
    char[] in = s.toString().toCharArray();
    char[] out = new char[in.length];
    int n = 0;
    boolean space = false;
    boolean newline = false;
    for (char c : in) {
      if (c == '\n') {
        newline = true;
        space = false;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
        space = true;
      } else {
        if (n > 0) {
          if (newline) {
            out[n++] = '\n';
          } else if (space) {
            out[n++] = ' ';
          }
        }
        newline = false;
        space = false;
        out[n++] = c;
      }
    }
    return new String(out, 0, n);
  }
}
