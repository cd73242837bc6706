package org.newswire.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Share, subscribe and "read more" furniture that CMSs append to feed items ("Share on Facebook
 * | Tweet", "Подписаться на наш канал", "Читать далее →"): it is no part of the story, and a
 * reader shows its own share buttons. Only whole lines go — a paragraph, a list item, the text
 * between two {@code <br>} — made of nothing but such phrases, plus a teaser link that ends a
 * line; a sentence that merely mentions subscribing stays, because it is longer than the
 * phrase and its few trailing words. The full-text extractor uses the same phrases for pages.
 */
public final class ItemFurniture {
  // Parsed once: select(String) parses its CSS query on every call, which was 1.7% of a steady
  // poll thread's CPU (bench/run, JFR).
  private static final Evaluator LINK = Selector.evaluatorOf("a[href]");
  private static final Evaluator ANCHOR = Selector.evaluatorOf("a");
  private static final Evaluator IMAGE = Selector.evaluatorOf("img");
  private static final Evaluator MEDIA = Selector.evaluatorOf("img, video, audio, picture");
  private static final String WORDS = "(?:\\s+[\\p{L}\\p{N}«»\"@.+-]+){1,3}";
  /** Where a share button points: shown alone in a row of buttons. */
  private static final String NETWORKS = "facebook|twitter|x|vk|vkontakte|вконтакте|вк"
      + "|telegram|телеграм|whatsapp|viber|одноклассники|ok|linkedin|reddit|pinterest"
      + "|livejournal|жж|мой мир|дзен|яндекс\\.?дзен|e-?mail|email|почта";
  /**
   * Regular-expression alternatives (no anchors, case-insensitive) of share, follow, subscribe
   * and teaser phrases, each with at most a few trailing words ("…on Facebook", "…на наш
   * канал в Telegram").
   */
  public static final String PHRASES = "(?:"
      + "share(?: this| it)?(?: (?:article|story|post|news))?(?: (?:on|via|with|to)" + WORDS + ")?"
      + "|tweet(?: this)?|follow us(?: (?:on|in)" + WORDS + ")?"
      + "|subscribe(?: (?:to|on|for|via)" + WORDS + ")?(?: (?:on|in|via)" + WORDS + ")?"
      + "|sign up(?: (?:for|to)" + WORDS + ")?"
      + "|read (?:more|the (?:full|whole) (?:story|article)|full (?:story|article))"
      + "|continue reading|full story"
      + "|поделит(?:ь)?(?:ся|есь)(?: (?:в|на|с|через)" + WORDS + "|\\s+(?:" + NETWORKS + "))?"
      + "|подписаться(?: (?:на|в)" + WORDS + ")?(?: (?:в|на)" + WORDS + ")?"
      + "|подпис(?:ыва)?йтесь(?: (?:на|в)" + WORDS + ")?(?: (?:в|на)" + WORDS + ")?"
      + "|(?:мы|читайте нас) в (?:соцсетях|соцсети|" + NETWORKS + ")(?: и (?:" + NETWORKS + "))?"
      + "|(?:читать|читайте) (?:далее|дальше|полностью|подробнее|продолжение)|подробнее|далее"
      + ")";
  private static final String TRAILER = "[\\s\\p{Punct}»→›>…]*";
  private static final Pattern PHRASE = Pattern.compile("^" + PHRASES + TRAILER + "$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern NETWORK = Pattern.compile("^(?:" + NETWORKS + ")" + TRAILER + "$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** What separates the buttons of a share row. */
  private static final Pattern SEPARATOR = Pattern.compile("\\s*[|·•]\\s*|\\s+/\\s+");
  /** "…a sentence. Read more…" as plain text: the teaser after the last sentence. */
  private static final Pattern TEASER_TAIL = Pattern.compile(
      "(?<=[.!?…»\"])\\s+(?:read more|continue reading|читать (?:далее|дальше|полностью)"
          + "|подробнее)" + TRAILER + "$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /**
   * Where share buttons point (the networks' "share this URL" endpoints, FeedBurner's
   * FeedFlare): a link there is a share button whatever it shows, often only an icon.
   */
  private static final Pattern SHARE_ENDPOINT = Pattern.compile(
      "^https?://(?:www\\.|m\\.)?(?:vk\\.com/share\\.php|facebook\\.com/sharer"
          + "|(?:twitter|x)\\.com/(?:intent/(?:tweet|post)|share)|t\\.me/share"
          + "|telegram\\.me/share|connect\\.ok\\.ru/offer|connect\\.mail\\.ru/share"
          + "|wa\\.me/\\?|api\\.whatsapp\\.com/send|linkedin\\.com/share"
          + "|pinterest\\.com/pin/create|reddit\\.com/submit|feeds\\.feedburner\\.com/~ff/)",
      Pattern.CASE_INSENSITIVE);
  /** What a share button counts as in a line's text. */
  private static final String SHARE_BUTTON = " | share | ";

  /** Longer than this, a line is content whatever it says. */
  private static final int MAX_LINE = 160;

  private ItemFurniture() {}

  /** True for a line that is only share/subscribe/teaser furniture. */
  static boolean isFurnitureLine(String line) {
    String t = line.strip();
    if (t.isEmpty() || t.length() > MAX_LINE) {
      return false;
    }
    String[] pieces = SEPARATOR.split(t);
    boolean phrase = false;
    int count = 0;
    for (String piece : pieces) {
      String p = piece.strip();
      if (p.isEmpty()) {
        continue;
      }
      count++;
      if (PHRASE.matcher(p).matches()) {
        phrase = true;
      } else if (!NETWORK.matcher(p).matches()) {
        return false;
      }
    }
    // A network's name alone may be a word of the story; a row of them is a share bar.
    return phrase || count > 1;
  }

  /** Plain text without its furniture lines and its closing "read more". */
  static String removeLines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      if (isFurnitureLine(line)) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(TEASER_TAIL.matcher(line).replaceFirst(""));
    }
    return out.toString();
  }

  /** Removes furniture lines from cleaned item HTML in place. */
  static void remove(Element body) {
    Set<Element> touched = new HashSet<>();
    List<Element> blocks = new ArrayList<>();
    for (Element e : body.getAllElements()) {
      if (e == body || TextRenderer.BLOCKS.contains(e.normalName()) && !e.nameIs("pre")
          && !e.nameIs("br") && !e.nameIs("hr")) {
        blocks.add(e);
      }
    }
    // Innermost first, so that a block emptied here counts as empty for its parent.
    for (int i = blocks.size() - 1; i >= 0; i--) {
      Element block = blocks.get(i);
      if (removeFrom(block)) {
        touched.add(block);
      }
      if (touched.contains(block) && block != body && block.text().isBlank()
          && !hasPicture(block)) {
        touched.add(block.parent());
        block.remove();
      }
    }
  }

  /** Drops the furniture lines among the block's own children; true when any went. */
  private static boolean removeFrom(Element block) {
    boolean removed = false;
    List<Node> line = new ArrayList<>();
    for (Node child : new ArrayList<>(block.childNodes())) {
      boolean isBreak = child instanceof Element e && (e.nameIs("br") || isBlock(e));
      if (!isBreak) {
        line.add(child);
        continue;
      }
      removed |= removeLine(line, child instanceof Element e && e.nameIs("br") ? child : null);
      line.clear();
    }
    removed |= removeLine(line, null);
    return removed;
  }

  /** The line's text, each share button (an icon, often) standing as the word "share". */
  private static String textOf(List<Node> nodes) {
    StringBuilder text = new StringBuilder();
    nodes.forEach(n -> appendText(n, text));
    return text.toString();
  }

  private static void appendText(Node n, StringBuilder text) {
    if (text.length() > MAX_LINE) {
      return; // content whatever follows: spare building the text of long paragraphs
    }
    if (n instanceof TextNode t) {
      text.append(t.text());
    } else if (n instanceof Element e) {
      if (isShareButton(e)) {
        text.append(SHARE_BUTTON);
      } else if (e.selectFirst(LINK) == null) {
        text.append(e.text());
      } else {
        e.childNodes().forEach(c -> appendText(c, text));
      }
    }
  }

  private static boolean isShareButton(Element e) {
    return e.nameIs("a") && SHARE_ENDPOINT.matcher(e.attr("href")).find();
  }

  /** Pictures that are content: not a share button's icon. */
  private static boolean hasPicture(Element e) {
    for (Element media : e.select(MEDIA)) {
      Element link = media.closest(ANCHOR);
      if (link == null || !isShareButton(link)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlock(Element e) {
    return TextRenderer.BLOCKS.contains(e.normalName());
  }

  private static boolean removeLine(List<Node> line, Node lineBreak) {
    if (line.isEmpty()) {
      return false;
    }
    if (isFurnitureLine(textOf(line))) {
      for (Node n : line) {
        if (n instanceof Element e && hasPicture(e)) {
          return false; // a linked picture is content even with "Подробнее" beside it
        }
      }
      line.forEach(Node::remove);
      if (lineBreak != null) {
        lineBreak.remove();
      }
      return true;
    }
    return removeTeaserLink(line);
  }

  /** True when the text before a link closes a sentence: the link is no word of it. */
  private static boolean endsSentence(List<Node> before) {
    for (int i = before.size() - 1; i >= 0; i--) {
      Node n = before.get(i);
      String t = (n instanceof TextNode tn ? tn.text() : n instanceof Element e ? e.text() : "")
          .strip();
      if (!t.isEmpty()) {
        return ".!?…»\")".indexOf(t.charAt(t.length() - 1)) >= 0;
      }
    }
    return false;
  }

  /** "…the lead paragraph. <a>Читать далее</a>": the link that closes a line, not the line. */
  private static boolean removeTeaserLink(List<Node> line) {
    for (int i = line.size() - 1; i >= 0; i--) {
      Node n = line.get(i);
      if (n instanceof TextNode t && t.isBlank()) {
        continue;
      }
      if (n instanceof TextNode t) {
        String kept = TEASER_TAIL.matcher(t.getWholeText()).replaceFirst("");
        if (kept.length() != t.getWholeText().length()) {
          t.text(kept);
          return true;
        }
        return false;
      }
      if (n instanceof Element a && a.nameIs("a") && a.selectFirst(IMAGE) == null
          && PHRASE.matcher(a.text().strip()).matches() && endsSentence(line.subList(0, i))) {
        a.remove();
        if (line.get(i - 1) instanceof TextNode before) {
          before.text(before.getWholeText().stripTrailing());
        }
        return true;
      }
      return false;
    }
    return false;
  }
}
