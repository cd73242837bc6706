package org.newswire.fulltext;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Main-content detection in the manner of Readability: each paragraph (a {@code <p>}, or a run
 * of inline text in a {@code <div>}/{@code <td>}, which old Russian layouts use instead of
 * paragraphs) scores its container fully and the containers above it with falling weight, by
 * length, commas and sentence ends; containers are then discounted by link density and class/id
 * hints, the best one wins, and siblings that score well enough join it.
 */
final class ContentFinder {
  /** Elements whose inline text is a paragraph of their parent, not of themselves. */
  private static final Set<String> PARAGRAPHS = Set.of(
      "p", "pre", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption",
      "th", "address");
  private static final int MIN_PARAGRAPH = 25;
  /** Text (bylines, dates, captions) that may lie between the headline and the article. */
  private static final int HEADLINE_GAP = 400;
  private static final double HEADLINE_BONUS = 2.0;
  /** An empty element left in the page where the gathered body started. */
  static final String BODY_MARK = "newswire-body-start";

  private final TextStats stats;
  private final Headline headline;
  /** Per candidate: tag score, hint factor, final score, text offset of its first paragraph. */
  private final Map<Element, double[]> scores = new IdentityHashMap<>();
  /** Text seen so far in document order, and where the headline ends (-1: none yet). */
  private int offset;
  private int runStart;
  private int headlineEnd = -1;

  private ContentFinder(TextStats stats, Headline headline) {
    this.stats = stats;
    this.headline = headline;
  }

  /** The article's container(s) gathered under a new {@code <div>}, if any text scored. */
  static Optional<Element> find(Document doc, TextStats stats, Headline headline) {
    Element body = doc.body();
    ContentFinder f = new ContentFinder(stats, headline);
    f.scoreParagraphs(body);
    Optional<Element> top = f.top(body);
    return top.map(t -> f.gather(t, body));
  }

  private void scoreParagraphs(Element root) {
    root.traverse((node, depth) -> {
      if (node instanceof Element e) {
        scoreRuns(e);
      }
    });
  }

  /** Splits the element's own inline content into runs (broken by blocks and {@code <br>}). */
  private void scoreRuns(Element e) {
    if (headlineEnd < 0 && headline.matches(e)) {
      headlineEnd = offset + stats.get(e).text;
    }
    runStart = offset;
    int len = 0;
    int link = 0;
    int commas = 0;
    int sentences = 0;
    // firstChild/nextSibling: childNodes() copies the list, and this runs for every element.
    for (Node n = e.firstChild(); n != null; n = n.nextSibling()) {
      if (n instanceof TextNode t) {
        long f = TextStats.scan(t.getWholeText());
        len += TextStats.length(f);
        offset += TextStats.length(f);
        commas += TextStats.commas(f);
        sentences += TextStats.sentences(f);
      } else if (n instanceof Element c) {
        TextStats.Stat cs = stats.get(c);
        if (c.nameIs("br") || !TextStats.isInline(c) || cs.block) {
          credit(e, len, link, commas, sentences);
          len = link = commas = sentences = 0;
          runStart = offset;
        } else {
          len += cs.text;
          link += cs.link;
          commas += cs.commas;
          sentences += cs.sentences;
        }
      }
    }
    credit(e, len, link, commas, sentences);
  }

  private void credit(Element e, int len, int link, int commas, int sentences) {
    if (len < MIN_PARAGRAPH || link * 2 > len) {
      return;
    }
    double score = 1 + commas + Math.min(len / 100, 3) + Math.min(sentences, 3) * 0.5;
    Element target = PARAGRAPHS.contains(e.normalName()) ? e.parent() : e;
    for (int level = 0; target != null && level < 5; level++) {
      if (target.nameIs("html")) {
        break;
      }
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      candidate(target)[0] += score / div;
      target = target.parent();
    }
  }

  private double[] candidate(Element e) {
    return scores.computeIfAbsent(e,
        k -> new double[] {tagScore(k), hintFactor(k), 0, runStart});
  }

  /**
   * Class/id hints scale a container's score instead of adding to it (as Readability's ±25
   * does), so a block named "content" with one short line cannot outbid the article: the text
   * is the evidence, the names only tip the balance.
   */
  private static double hintFactor(Element e) {
    double w = Hints.classWeight(e) + itemprop(e);
    return w >= 0 ? 1 + w / 50 : 1 / (1 - w / 50);
  }

  private static double tagScore(Element e) {
    double s = switch (e.normalName()) {
      case "div", "article" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
    return s;
  }

  /** schema.org microdata marks the body outright. */
  private static double itemprop(Element e) {
    String p = e.attr("itemprop");
    return p.equalsIgnoreCase("articleBody") || p.equalsIgnoreCase("text") ? 30 : 0;
  }

  private double finalScore(Element e) {
    double[] s = scores.get(e);
    return s == null ? 0 : s[0] * s[1] * (1 - stats.linkDensity(e)) * headlineFactor(s[3]);
  }

  /** Containers whose text starts right after the page's headline are the likely article. */
  private double headlineFactor(double firstParagraph) {
    return headlineEnd >= 0 && firstParagraph >= headlineEnd
        && firstParagraph - headlineEnd <= HEADLINE_GAP ? HEADLINE_BONUS : 1;
  }

  private Optional<Element> top(Element body) {
    if (scores.isEmpty()) {
      return Optional.empty();
    }
    // Final scores once each; only the five best matter, so no sort of all candidates.
    List<Element> best = new ArrayList<>(6);
    for (Map.Entry<Element, double[]> c : scores.entrySet()) {
      double score = finalScore(c.getKey());
      c.getValue()[2] = score;
      int at = best.size();
      while (at > 0 && scores.get(best.get(at - 1))[2] < score) {
        at--;
      }
      if (at < 5) {
        best.add(at, c.getKey());
        if (best.size() > 5) {
          best.remove(5);
        }
      }
    }
    Element top = best.get(0);
    double topScore = finalScore(top);
    top = commonAncestorOfAlternatives(top, best, topScore, body);
    top = climbToBetterParent(top, body);
    while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return Optional.of(top);
  }

  /**
   * When several near-equal candidates share an ancestor, the article is split into sections
   * and the ancestor holds them all (Readability's "alternative candidates" rule).
   */
  private Element commonAncestorOfAlternatives(
      Element top, List<Element> best, double topScore, Element body) {
    List<Element> alternatives = new ArrayList<>();
    for (int i = 1; i < Math.min(best.size(), 5); i++) {
      if (finalScore(best.get(i)) >= topScore * 0.75) {
        alternatives.add(best.get(i));
      }
    }
    if (alternatives.size() < 3) {
      return top;
    }
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      int contained = 0;
      for (Element alt : alternatives) {
        if (isAncestor(p, alt)) {
          contained++;
        }
      }
      if (contained >= 3) {
        return p;
      }
    }
    return top;
  }

  private Element climbToBetterParent(Element top, Element body) {
    double last = finalScore(top);
    double threshold = last / 3;
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      if (!scores.containsKey(p)) {
        continue;
      }
      double s = finalScore(p);
      if (s < threshold) {
        break;
      }
      if (s > last) {
        return p;
      }
      last = s;
    }
    return top;
  }

  private static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The top candidate and those of its siblings that look like more of the article. */
  private Element gather(Element top, Element body) {
    Element out = new Element("div");
    Element parent = top.parent();
    if (parent == null || top == body) {
      out.appendChild(top.clone());
      return out;
    }
    double topScore = finalScore(top);
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = top.className();
    List<Element> keep = new ArrayList<>();
    for (Element sib : parent.children()) {
      if (sib == top || siblingBelongs(sib, topClass, topScore, threshold)) {
        keep.add(sib);
      }
    }
    // Where the body was, for what lies just above it (the lead photo); see BODY_MARK.
    keep.get(0).before(new Element(BODY_MARK));
    for (Element k : keep) {
      out.appendChild(k); // moved, not copied: cheaper, and only the mark is looked for later
    }
    return out;
  }

  private boolean siblingBelongs(Element sib, String topClass, double topScore, double threshold) {
    double bonus = !topClass.isEmpty() && topClass.equals(sib.className()) ? topScore * 0.2 : 0;
    if (scores.containsKey(sib) && finalScore(sib) + bonus >= threshold) {
      return true;
    }
    if (!sib.nameIs("p")) {
      return false;
    }
    TextStats.Stat st = stats.get(sib);
    double ld = stats.linkDensity(sib);
    if (st.text > 80 && ld < 0.25) {
      return true;
    }
    return st.text > 0 && st.text <= 80 && ld == 0 && st.sentences > 0;
  }
}
