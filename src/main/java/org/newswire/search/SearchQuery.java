package org.newswire.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader's search, checked: every word required, {@code "phrases"}, {@code word*} prefixes,
 * {@code -word} (or {@code -"phrase"}) exclusions and {@code a OR b}. Nothing else is syntax:
 * colons, brackets, {@code ~} or {@code ?} are punctuation and ignored like any other, so a
 * reader cannot name a field, write a regular expression or a fuzzy term. The limits bound
 * what one search can cost; prefixes are also bounded by the words they expand to, which only
 * the index knows ({@link SearchIndex}).
 */
public final class SearchQuery {
  static final int MAX_CHARS = 200;
  static final int MAX_WORDS = 12;
  static final int MAX_PREFIXES = 3;
  static final int MIN_PREFIX = 2;

  /** One alternative of a group: words (a phrase when more than one) or a prefix. */
  record Clause(String text, boolean prefix) {}

  /** Clauses joined by OR; each required group must match one of them. */
  record Group(List<Clause> anyOf) {
    Group {
      anyOf = List.copyOf(anyOf);
    }
  }

  private final List<Group> required;
  private final List<Clause> excluded;

  private SearchQuery(List<Group> required, List<Clause> excluded) {
    this.required = List.copyOf(required);
    this.excluded = List.copyOf(excluded);
  }

  List<Group> required() {
    return required;
  }

  List<Clause> excluded() {
    return excluded;
  }

  /** The outcome of reading {@code q}: a query, or why not (one line, fit for a 400). */
  public sealed interface Parsed {}

  public record Valid(SearchQuery query) implements Parsed {}

  public record Malformed(String reason) implements Parsed {}

  public static Parsed parse(String q) {
    try {
      return new Valid(read(q));
    } catch (IllegalArgumentException e) {
      return new Malformed("q: " + e.getMessage());
    }
  }

  private static SearchQuery read(String q) {
    if (q.length() > MAX_CHARS) {
      throw new IllegalArgumentException("longer than " + MAX_CHARS + " characters");
    }
    List<List<Clause>> groups = new ArrayList<>();
    List<Clause> excluded = new ArrayList<>();
    List<Clause> last = null; // the group an OR after it would extend
    boolean orPending = false;
    int words = 0;
    int prefixes = 0;
    int i = 0;
    int n = q.length();
    while (i < n) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean minus = c == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1));
      if (minus) {
        i++;
      }
      String text;
      boolean phrase = i < n && q.charAt(i) == '"';
      if (phrase) {
        int close = q.indexOf('"', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("a quote opened at character " + (i + 1)
              + " is not closed");
        }
        text = q.substring(i + 1, close);
        i = close + 1;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != '"') {
          end++;
        }
        text = q.substring(i, end);
        i = end;
      }
      if (!phrase && !minus && text.equals("OR")) {
        if (last == null || orPending) {
          throw new IllegalArgumentException("OR needs a word on each side");
        }
        orPending = true;
        continue;
      }
      boolean prefix = !phrase && text.endsWith("*");
      String body = prefix ? text.substring(0, text.length() - 1) : text;
      if (!phrase && body.indexOf('*') >= 0) {
        throw new IllegalArgumentException("'*' may only end a word (" + shown(text) + ")");
      }
      List<String> tokens = Terms.analyze(body);
      if (tokens.isEmpty()) {
        if (prefix || phrase || orPending) {
          throw new IllegalArgumentException("nothing to search for in " + shown(text));
        }
        continue; // punctuation between words, as in "Бишкек — выборы"
      }
      if (prefix && (tokens.size() > 1 || Terms.normalize(body).length() < MIN_PREFIX)) {
        throw new IllegalArgumentException("a prefix needs " + MIN_PREFIX
            + " or more letters of one word before '*' (" + shown(text) + ")");
      }
      words += tokens.size();
      prefixes += prefix ? 1 : 0;
      if (words > MAX_WORDS) {
        throw new IllegalArgumentException("more than " + MAX_WORDS + " words");
      }
      if (prefixes > MAX_PREFIXES) {
        throw new IllegalArgumentException("more than " + MAX_PREFIXES + " prefixes (word*)");
      }
      Clause clause = new Clause(body, prefix);
      if (minus) {
        if (orPending) {
          throw new IllegalArgumentException("a word after OR cannot be excluded");
        }
        excluded.add(clause);
        last = null;
      } else if (orPending) {
        last.add(clause);
        orPending = false;
      } else {
        last = new ArrayList<>();
        last.add(clause);
        groups.add(last);
      }
    }
    if (orPending) {
      throw new IllegalArgumentException("OR needs a word on each side");
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(excluded.isEmpty() ? "no words to search for"
          : "only excluded words; give at least one word to find");
    }
    return new SearchQuery(groups.stream().map(Group::new).toList(), excluded);
  }

  private static String shown(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
  }

  @Override
  public String toString() {
    return required + " not " + excluded;
  }
}
