package org.newswire.fulltext;

import java.util.Optional;
import java.util.regex.Pattern;
import org.newswire.model.Entry;

/**
 * Whether a feed entry already carries the article. Agencies that put the full text into
 * {@code content:encoded} / {@code yandex:full-text} / Atom content spare us the page; many
 * instead put a lead paragraph there that ends in "…" or a "Read more" link.
 */
final class Teasers {
  /** Shorter than this, a text is a lead, whatever its ending. */
  static final int MIN_FULL_TEXT = 600;
  private static final Pattern TEASER_END = Pattern.compile(
      "(?:\\.\\.\\.|…|\\[…\\]|\\[\\.\\.\\.\\]|(?:читать|читайте) (?:далее|дальше|полностью|подробнее)"
          + "|подробнее|далее|read (?:more|the full (?:story|article))|continue reading"
          + "|full story|more)[\\s\\p{Punct}»→›>]*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private Teasers() {}

  /** The entry's full text (plain), when it is clearly the whole article. */
  static Optional<String> fullText(Entry e) {
    Optional<String> text = e.contentText()
        .or(() -> e.contentHtml().map(ArticleExtractor::htmlToText));
    return text.map(String::strip).filter(Teasers::isFullText);
  }

  static boolean isFullText(String text) {
    if (TextStats.visibleLength(text) < MIN_FULL_TEXT) {
      return false;
    }
    String tail = text.length() > 200 ? text.substring(text.length() - 200) : text;
    return !TEASER_END.matcher(tail).find();
  }
}
