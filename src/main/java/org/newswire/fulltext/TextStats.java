package org.newswire.fulltext;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Comment;
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

  /**
   * Per-element figures; {@code block} is true when a block-level element lies inside,
   * {@code article} when the element is or holds an article container ({@code <article>},
   * {@code <main>}, {@code itemprop=articleBody}). The element counts include the element.
   */
  static final class Stat {
    int text;
    int link;
    int commas;
    int sentences;
    int paragraphs;
    int images;
    int items;
    int inputs;
    boolean block;
    boolean article;
  }

  private final Map<Element, Stat> stats = new IdentityHashMap<>();

  private TextStats() {}

  static TextStats of(Element root) {
    TextStats s = new TextStats();
    s.compute(root, false, null);
    return s;
  }

  /**
   * Removes the descendants {@code drop} accepts (whole, without looking inside) and the
   * comments, and measures what remains, in one pass: a walk over a whole page costs about a
   * tenth of parsing it, so the extractor avoids separate ones.
   */
  static TextStats pruneAndMeasure(Element root, Predicate<Element> drop) {
    TextStats s = new TextStats();
    s.compute(root, false, drop);
    return s;
  }

  Stat get(Element e) {
    Stat s = stats.get(e);
    return s != null ? s : new Stat();
  }

  /** Takes a subtree about to be removed out of its ancestors' figures. */
  void detach(Element e) {
    detach(e, true);
  }

  /**
   * Takes a subtree about to be removed out of its ancestors' element counts only, leaving the
   * text figures as they were (conditional cleaning judges text as the page had it).
   */
  void detachCounts(Element e) {
    detach(e, false);
  }

  private void detach(Element e, boolean text) {
    Stat gone = get(e);
    for (Element p = e.parent(); p != null; p = p.parent()) {
      Stat st = stats.get(p);
      if (st == null) {
        break;
      }
      if (text) {
        st.text -= gone.text;
        st.link -= gone.link;
        st.commas -= gone.commas;
        st.sentences -= gone.sentences;
      }
      st.paragraphs -= gone.paragraphs;
      st.images -= gone.images;
      st.items -= gone.items;
      st.inputs -= gone.inputs;
    }
  }

  double linkDensity(Element e) {
    Stat s = get(e);
    return s.text == 0 ? 0 : (double) s.link / s.text;
  }

  private Stat compute(Element e, boolean inLink, Predicate<Element> drop) {
    Stat st = new Stat();
    boolean link = inLink || e.nameIs("a");
    countSelf(e, st);
    // firstChild/nextSibling: childNodes() copies the list, and this runs for every element.
    Node next;
    for (Node n = e.firstChild(); n != null; n = next) {
      next = n.nextSibling();
      if (drop != null && (n instanceof Comment || n instanceof Element d && drop.test(d))) {
        n.remove();
      } else if (n instanceof TextNode t) {
        long f = scan(t.getWholeText());
        int len = length(f);
        st.text += len;
        if (link) {
          st.link += len;
        }
        st.commas += commas(f);
        st.sentences += sentences(f);
      } else if (n instanceof Element c) {
        Stat cs = compute(c, link, drop);
        st.text += cs.text;
        st.link += cs.link;
        st.commas += cs.commas;
        st.sentences += cs.sentences;
        st.paragraphs += cs.paragraphs;
        st.images += cs.images;
        st.items += cs.items;
        st.inputs += cs.inputs;
        st.block |= cs.block || !isInline(c);
        st.article |= cs.article;
      }
    }
    stats.put(e, st);
    return st;
  }

  /** The element's own contribution to the counts (one string switch instead of selects). */
  private static void countSelf(Element e, Stat st) {
    switch (e.normalName()) {
      case "p" -> st.paragraphs = 1;
      case "img" -> st.images = 1;
      case "li" -> st.items = 1;
      case "input", "select", "textarea" -> st.inputs = 1;
      case "article", "main" -> st.article = true;
      default -> { }
    }
    if (!st.article && e.attributesSize() > 0) {
      st.article = e.attr("itemprop").equalsIgnoreCase("articleBody");
    }
  }

  /**
   * Visible text and link-text length of one subtree, without building the per-element map:
   * for the few places that need only the totals.
   */
  static int[] measure(Element root) {
    int[] out = new int[2];
    measure(root, false, out);
    return out;
  }

  private static void measure(Element e, boolean inLink, int[] out) {
    boolean link = inLink || e.nameIs("a");
    // firstChild/nextSibling: childNodes() copies the list, and this runs for every element.
    for (Node n = e.firstChild(); n != null; n = n.nextSibling()) {
      if (n instanceof TextNode t) {
        int len = visibleLength(t.getWholeText());
        out[0] += len;
        if (link) {
          out[1] += len;
        }
      } else if (n instanceof Element c) {
        measure(c, link, out);
      }
    }
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

  /**
   * Length as rendered, commas and sentence ends of a text in one pass, packed into a long
   * (length in the low 32 bits, commas and sentence ends 16 bits each above).
   */
  static long scan(String s) {
    int n = 0;
    int commas = 0;
    int ends = 0;
    boolean space = true;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00A0' || c == '\f') {
        if (!space) {
          n++;
          space = true;
        }
        continue;
      }
      n++;
      space = false;
      if (c == ',' || c == '，') {
        commas++;
      } else if ((c == '.' || c == '!' || c == '?' || c == '…')
          && (i + 1 == len || Character.isWhitespace(s.charAt(i + 1)))) {
        ends++;
      }
    }
    return n | (long) Math.min(commas, 0xFFFF) << 32 | (long) Math.min(ends, 0xFFFF) << 48;
  }

  static int length(long scan) {
    return (int) scan;
  }

  static int commas(long scan) {
    return (int) (scan >>> 32) & 0xFFFF;
  }

  static int sentences(long scan) {
    return (int) (scan >>> 48) & 0xFFFF;
  }
}
