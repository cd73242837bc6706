package org.newswire.fulltext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.QueryParser;

/**
 * Removal of page furniture: before scoring, what can never be article (scripts, navigation,
 * hidden and unlikely blocks); after choosing the container, what it still holds that is not
 * (Readability's conditional cleaning, share/follow/comment blocks, category labels).
 */
final class Boilerplate {
  private static final Set<String> NEVER_CONTENT = Set.of(
      "script", "style", "noscript", "iframe", "object", "embed", "svg", "canvas", "template",
      "link", "meta", "button", "nav", "footer",
      "aside", "dialog", "menu", "frameset", "frame");
  private static final Pattern HIDDEN_STYLE = Pattern.compile(
      "display\\s*:\\s*none|visibility\\s*:\\s*hidden", Pattern.CASE_INSENSITIVE);
  /** "Политика 0", "Sport 12": a category link with its comment or view counter. */
  private static final Pattern LABEL_COUNTER =
      Pattern.compile("^[\\p{L}][\\p{L} .-]{1,30}\\s+\\d{1,6}$");
  private static final int BIG_BLOCK = 1000;
  private static final Pattern DIGITS = Pattern.compile("\\s*\\d+\\s*");
  private static final Evaluator CONTROLS = QueryParser.parse("input, select, textarea, option");
  private static final Set<String> CONDITIONAL = Set.of(
      "form", "fieldset", "table", "ul", "ol", "div", "section", "header", "dl");

  private Boilerplate() {}

  /** {@link #prune} and {@link TextStats#of} of what remains, in one walk. */
  static TextStats pruneAndMeasure(Element body) {
    return TextStats.pruneAndMeasure(body, Boilerplate::isFurniture);
  }

  /** Drops what is never content: scripts, navigation, forms' controls, hidden blocks. */
  static void prune(Element body) {
    List<Element> drop = new ArrayList<>();
    // One traversal that skips the subtree of whatever it drops.
    body.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e)) {
          return node instanceof Comment ? FilterResult.REMOVE : FilterResult.CONTINUE;
        }
        if (e != body && isFurniture(e)) {
          drop.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        return FilterResult.CONTINUE;
      }
    });
    for (Element e : drop) {
      e.remove();
    }
  }

  /**
   * Drops blocks whose class or id names furniture (Readability's "unlikely candidates"),
   * keeping those that hold an article element or, for ambiguous names, a big block of text.
   * {@code stats} are kept true for the remaining tree.
   */
  static void pruneUnlikely(Element body, TextStats stats) {
    List<Element> drop = new ArrayList<>();
    body.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element e && e != body && unlikely(e, stats)) {
          drop.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        return FilterResult.CONTINUE;
      }
    });
    for (Element e : drop) {
      stats.detach(e);
      e.remove();
    }
  }

  private static boolean isFurniture(Element e) {
    if (NEVER_CONTENT.contains(e.normalName())) {
      return true;
    }
    if (e.attributesSize() == 0) {
      return false;
    }
    if (e.hasAttr("hidden") || e.attr("aria-hidden").equals("true")) {
      return true;
    }
    String style = e.attr("style");
    if (!style.isEmpty() && HIDDEN_STYLE.matcher(style).find()) {
      return true;
    }
    String role = e.attr("role");
    return !role.isEmpty() && Hints.FURNITURE_ROLES.contains(role.toLowerCase(Locale.ROOT));
  }

  private static boolean unlikely(Element e, TextStats stats) {
    if (e.nameIs("a") || e.nameIs("article") || e.nameIs("main") || e.nameIs("html")) {
      return false;
    }
    String ci = Hints.classAndId(e);
    if (ci.isEmpty() || !Hints.any(ci, Hints.UNLIKELY) || Hints.any(ci, Hints.MAYBE)) {
      return false;
    }
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p.nameIs("table") || p.nameIs("code")) {
        return false;
      }
    }
    TextStats.Stat st = stats.get(e);
    if (!Hints.any(ci, Hints.CERTAIN) && st.text >= BIG_BLOCK && st.link < st.text * 0.25) {
      return false; // much text, few links: an ambiguous name must not remove it
    }
    return !st.article;
  }

  /** Drops share/follow/comment headings and category counters, nothing else. */
  static void removeFurnitureText(Element content) {
    TextStats stats = TextStats.of(content);
    List<Element> all = content.getAllElements();
    for (int i = all.size() - 1; i > 0; i--) {
      Element e = all.get(i);
      if (isAttached(e, content) && isFurnitureBlock(e, stats.get(e))) {
        e.remove();
      }
    }
  }

  /** Cleans the chosen content in place. */
  static void clean(Element content) {
    cutTail(content);
    TextStats stats = TextStats.of(content);
    List<Element> all = content.getAllElements();
    for (int i = all.size() - 1; i > 0; i--) {
      Element e = all.get(i);
      if (isAttached(e, content) && shouldDrop(e, stats)) {
        stats.detachCounts(e);
        e.remove();
      }
    }
    // Kept until now so that conditional cleaning could count them (polls, comment forms).
    content.select(CONTROLS).remove();
  }

  private static boolean inFigure(Element e) {
    for (Element p = e; p != null; p = p.parent()) {
      if (p.nameIs("figure")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAttached(Element e, Element root) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == root) {
        return true;
      }
    }
    return false;
  }

  private static boolean shouldDrop(Element e, TextStats stats) {
    TextStats.Stat st = stats.get(e);
    if (isFurnitureBlock(e, st)) {
      return true;
    }
    if (st.text == 0 && (e.nameIs("p") || e.nameIs("div")) && st.images == 0) {
      return true;
    }
    return CONDITIONAL.contains(e.normalName()) && conditionallyJunk(e, st, stats);
  }

  private static boolean isFurnitureBlock(Element e, TextStats.Stat st) {
    // Furniture texts are at most 80 characters stripped (see Hints), so at most 82 as
    // counted here: longer blocks are rejected before building their text.
    if (st.text == 0 || st.text > 82 || e.nameIs("img") || e.nameIs("br")) {
      return false;
    }
    String text = e.text();
    if (st.text <= 6 && DIGITS.matcher(text).matches()) {
      // A comment or view counter ("0") sitting inside the text.
      String ci = Hints.classAndId(e);
      return Hints.any(ci, Hints.NEGATIVE) || Hints.any(ci, Hints.UNLIKELY);
    }
    return Hints.isFurnitureText(text)
        || st.link > 0 && LABEL_COUNTER.matcher(text.strip()).matches();
  }

  /**
   * Removes a "see also" / "related news" heading in the second half of the content, and
   * everything after it: those lists follow the article, never interrupt it.
   */
  private static void cutTail(Element content) {
    TextStats stats = TextStats.of(content);
    int total = stats.get(content).text;
    int seen = 0;
    Element cut = null;
    for (Element e : content.getAllElements()) {
      TextStats.Stat st = stats.get(e);
      if (e == content || st.text == 0) {
        continue;
      }
      // Only the second half can hold the tail: no text() and regex for the first.
      if (seen >= total / 2 && st.text <= 60 && !st.block
          && Hints.TAIL_HEADING.matcher(e.text().strip()).matches()) {
        cut = e;
        break;
      }
      if (!st.block) {
        seen += st.text; // leaf-ish element: its text precedes whatever comes next
      }
    }
    if (cut == null) {
      return;
    }
    // Drop the heading, then everything that follows it in document order.
    for (Element e = cut; e != null && e != content; e = e.parent()) {
      Node next = e.nextSibling();
      while (next != null) {
        Node after = next.nextSibling();
        next.remove();
        next = after;
      }
    }
    cut.remove();
  }

  /** Readability's {@code _cleanConditionally}, with the same thresholds. */
  private static boolean conditionallyJunk(Element e, TextStats.Stat st, TextStats stats) {
    int weight = Hints.classWeight(e);
    if (weight < 0 && st.text < 1000) {
      return true;
    }
    if (st.commas >= 10) {
      return false;
    }
    boolean list = e.nameIs("ul") || e.nameIs("ol") || e.nameIs("dl");
    int p = st.paragraphs;
    int img = st.images;
    int li = st.items - 100;
    int inputs = st.inputs;
    if (inputs > p / 3 && inputs > 0) {
      return true;
    }
    double ld = stats.linkDensity(e);
    boolean inFigure = inFigure(e);
    if (img > 1 && (double) p / img < 0.5 && !inFigure) {
      return true;
    }
    if (!list && li > p) {
      return true;
    }
    if (!list && st.text < 25 && (img == 0 || img > 2) && !inFigure) {
      return true;
    }
    if (weight < 25 && ld > 0.2 && (!list || ld > 0.5)) {
      return true;
    }
    return weight >= 25 && ld > 0.5;
  }
}
