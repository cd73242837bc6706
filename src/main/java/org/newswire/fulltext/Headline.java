package org.newswire.fulltext;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The page's own headline: the first {@code <h1>}/{@code <h2>} whose words are (nearly all) in
 * the page's {@code <title>} or {@code og:title}. The article begins right after it, which
 * outweighs a long block of legal or "about us" text elsewhere on the page. Words rather than
 * the whole string, since titles add the site's name and headings add a date.
 */
final class Headline {
  private static final int MIN_WORDS = 3;
  private static final double MIN_SHARE = 0.7;

  private final Set<String> titleWords;

  private Headline(Set<String> titleWords) {
    this.titleWords = titleWords;
  }

  /** From the page's titles (any of them may be empty). */
  static Headline of(String... titles) {
    Set<String> words = new HashSet<>();
    for (String t : titles) {
      words.addAll(words(t));
    }
    return new Headline(words);
  }

  /** Whether {@code e} is a heading that states the page's title. */
  boolean matches(Element e) {
    if (titleWords.size() < MIN_WORDS || !(e.nameIs("h1") || e.nameIs("h2"))) {
      return false;
    }
    Set<String> own = words(e.text());
    if (own.size() < MIN_WORDS) {
      return false;
    }
    int found = 0;
    for (String w : own) {
      if (titleWords.contains(w)) {
        found++;
      }
    }
    return found >= own.size() * MIN_SHARE;
  }

  /** Lower-cased words of three letters or more. */
  static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean letter = i < s.length() && Character.isLetter(s.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        if (i - start >= 3) {
          out.add(s.substring(start, i).toLowerCase(Locale.ROOT));
        }
        start = -1;
      }
    }
    return out;
  }
}
