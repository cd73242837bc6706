package org.newswire.fulltext;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Text length, link text length and comma count of every element of a tree, computed in one
 * post-order pass so scoring never calls {@code Element.text()} per element (that would be
 * quadratic in the page's depth, and the extractor must do hundreds of pages a second).
 * Lengths count whitespace runs as one character, as rendered text would.
 */
final class TextStats {
  static final Set<String> INLINE = Set.of(
      "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
      "i", "img", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike",
      "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "label", "acronym");

  /** Per-element figures; {@code block} is true when a block-level element lies inside. */
  static final class Stat {
    int text;
    int link;
    int commas;
    int sentences;
    boolean block;
  }

  private final Map<Element, Stat> stats = new IdentityHashMap<>();

  private TextStats() {}

  static TextStats of(Element root) {
    TextStats s = new TextStats();
    s.compute(root, false);
    return s;
  }

  Stat get(Element e) {
    Stat s = stats.get(e);
    return s != null ? s : new Stat();
  }

  double linkDensity(Element e) {
    Stat s = get(e);
    return s.text == 0 ? 0 : (double) s.link / s.text;
  }

  private Stat compute(Element e, boolean inLink) {
    Stat st = new Stat();
    boolean link = inLink || e.nameIs("a");
    for (Node n : e.childNodes()) {
      if (n instanceof TextNode t) {
        String w = t.getWholeText();
        int len = visibleLength(w);
        st.text += len;
        if (link) {
          st.link += len;
        }
        st.commas += count(w, ',') + count(w, '，');
        st.sentences += sentenceEnds(w);
      } else if (n instanceof Element c) {
        Stat cs = compute(c, link);
        st.text += cs.text;
        st.link += cs.link;
        st.commas += cs.commas;
        st.sentences += cs.sentences;
        st.block |= cs.block || !isInline(c);
      }
    }
    stats.put(e, st);
    return st;
  }

  static boolean isInline(Element e) {
    return INLINE.contains(e.normalName());
  }

  /** Characters as rendered: each run of whitespace counts once. */
  static int visibleLength(String s) {
    int n = 0;
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        if (!space) {
          n++;
          space = true;
        }
      } else {
        n++;
        space = false;
      }
    }
    return n;
  }

  static int count(String s, char c) {
    int n = 0;
    for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
      n++;
    }
    return n;
  }

  /** Full stops, question and exclamation marks followed by a space or the end. */
  static int sentenceEnds(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '.' || c == '!' || c == '?' || c == '…')
          && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) {
        n++;
      }
    }
    return n;
  }
}
