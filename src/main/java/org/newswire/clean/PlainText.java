package org.newswire.clean;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Plain text that holds no markup. A title escaped twice by its feed ({@code &amp;lt;script&gt;})
 * is text that reads {@code <script>} once decoded; correctly escaped on output, it is still
 * live markup to the many readers that render titles and summaries as HTML. So text that still
 * looks like a tag after rendering is rendered again (bounded), and what survives that loses its
 * angle bracket.
 */
public final class PlainText {
  /** {@code <} starting a tag, end tag, comment, doctype or processing instruction. */
  private static final Pattern TAG_LIKE = Pattern.compile("<[/!?]?[A-Za-z]");
  private static final int MAX_ROUNDS = 3;

  private PlainText() {}

  /** True when {@code text} holds something a browser would parse as markup. */
  public static boolean hasTags(String text) {
    return text.indexOf('<') >= 0 && TAG_LIKE.matcher(text).find();
  }

  /** {@code text} with tag-like runs rendered to their text, line by line; lines kept. */
  public static String untagged(String text) {
    if (!hasTags(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(untaggedLine(line));
    }
    return TextRenderer.tidy(out);
  }

  private static String untaggedLine(String line) {
    String s = line;
    for (int i = 0; i < MAX_ROUNDS && hasTags(s); i++) {
      s = TextRenderer.render(Jsoup.parseBodyFragment(s).body()).replace('\n', ' ');
    }
    // Nested deeper than anyone escapes by accident: defuse what is left.
    return hasTags(s) ? TAG_LIKE.matcher(s).replaceAll(m -> "\u2039" + m.group().substring(1))
        : s;
  }
}
