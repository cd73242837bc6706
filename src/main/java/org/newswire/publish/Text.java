package org.newswire.publish;

import org.newswire.clean.PlainText;

/** Strings made fit for XML 1.0 and for one-line fields. */
final class Text {
  /** Compiled once: a page calls {@link #line} a few hundred times. */
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  private Text() {}

  /**
   * Drops what XML 1.0 forbids (§2.2: C0 controls but tab/LF/CR, U+FFFE/FFFF, lone surrogates)
   * and the C1 controls validators flag; a parser would reject the whole document for one.
   */
  static String xml(String s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = !Character.isLowSurrogate(c) && allowed(c);
      }
      if (!ok && out == null) {
        out = new StringBuilder(n).append(s, 0, i);
      } else if (ok && out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean allowed(char c) {
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    return !(c >= 0x7F && c <= 0x9F) && c != 0xFFFE && c != 0xFFFF;
  }

  /**
   * XML-safe, whitespace collapsed to single spaces, trimmed, no markup: titles, names,
   * categories. Stored rows may predate the cleaner's tag stripping, hence again here.
   */
  static String line(String s) {
    return SPACES.matcher(PlainText.untagged(xml(s))).replaceAll(" ").strip();
  }

  /** Plain text of several lines (a summary): XML-safe and without markup. */
  static String text(String s) {
    return PlainText.untagged(xml(s));
  }
}
