package org.newswire.store;

import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader's search words as a MariaDB FULLTEXT boolean-mode expression. Every word is required
 * ({@code +word}); "quoted phrases" and a trailing {@code *} (prefix) are kept; any other
 * operator character is dropped, so input can never change the query's meaning. InnoDB ignores
 * tokens under 3 characters (innodb_ft_min_token_size), so those are dropped too.
 */
final class FullText {
  private static final Pattern TERM =
      Pattern.compile("\"([^\"]*)\"|([\\p{L}\\p{N}][\\p{L}\\p{N}_]*)(\\*?)");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final int MIN_TOKEN = 3;

  private FullText() {}

  static Optional<String> booleanQuery(String text) {
    StringJoiner out = new StringJoiner(" ");
    Matcher m = TERM.matcher(text);
    int terms = 0;
    while (m.find()) {
      if (m.group(1) != null) {
        StringJoiner phrase = new StringJoiner(" ");
        Matcher w = WORD.matcher(m.group(1));
        boolean usable = false;
        while (w.find()) {
          phrase.add(w.group());
          usable |= w.group().codePointCount(0, w.group().length()) >= MIN_TOKEN;
        }
        if (usable) {
          out.add("+\"" + phrase + "\"");
          terms++;
        }
      } else if (m.group(2).codePointCount(0, m.group(2).length()) >= MIN_TOKEN) {
        out.add("+" + m.group(2) + m.group(3));
        terms++;
      }
    }
    return terms == 0 ? Optional.empty() : Optional.of(out.toString());
  }
}
