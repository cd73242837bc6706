package org.newswire.dedup;

import java.util.Arrays;
import java.util.Locale;

/**
 * Decides whether two items tell one news story. Pure: the store finds candidates by
 * {@link StoryEvidence#candidateKeys()} and asks {@link #compare} for each.
 *
 * <p>Four kinds of evidence, each conservative because a false merge hides news:
 * <ul>
 *   <li>republication: the cleaned bodies (see {@link BodyCleaner}) share most word 3-shingles,
 *       estimated from bottom-k sketches (resemblance, or containment of the shorter);
 *   <li>excerpt: the shorter item is a lead-only reprint, its lead shingles contained in the
 *       other's lead;
 *   <li>passage: two write-ups quoting one source share a fifth of the shorter body's shingles
 *       and two title words, published close in time;
 *   <li>paraphrase: stemmed leads share many content words, or the headlines agree closely
 *       (content words matched by stem or by their first letters, character trigrams of the
 *       words, the verb), and neither numbers (digits or numerals), names nor a negation
 *       contradict; published close in time.
 * </ul>
 * Items of different languages never match.
 */
public final class StoryMatcher {
  /** Longer texts are cut: bounded cost for every input (a news story is told by then). */
  static final int MAX_TEXT_CHARS = 60_000;
  static final int MAX_LINE_HASHES = 1_000;

  /** The evidence of one item, given its source's line statistics. */
  public StoryEvidence evidence(StoryText item, SourceLines sourceLines) {
    String text = item.text().length() > MAX_TEXT_CHARS
        ? item.text().substring(0, MAX_TEXT_CHARS) : item.text();
    String lang = language(item, text);
    boolean russian = lang.equals("ru");
    BodyCleaner.Cleaned body = BodyCleaner.clean(text, sourceLines);
    Tokens.LongList tokens = body.tokens();

    int[] all = shingles(tokens, 0, tokens.size());
    int[] lead = shingles(tokens, 0, Math.min(tokens.size(), BodyCleaner.LEAD_TOKENS));
    int[] sketch = Arrays.copyOf(all, Math.min(all.length, StoryEvidence.SKETCH));

    TermSet title = new TermSet(true);
    Stems.terms(item.title(), russian, title);
    TermSet leadTerms = new TermSet();
    Stems.terms(body.lead(), russian, leadTerms);
    long[] lines = body.lineHashes();
    if (lines.length > MAX_LINE_HASHES) {
      lines = Arrays.copyOf(lines, MAX_LINE_HASHES);
    }
    int[] numbers = title.numbers();
    long published = item.published() == null ? Long.MIN_VALUE : item.published().getEpochSecond();
    return new StoryEvidence(lang, published, item.sourceId().hashCode(), all.length, sketch, lead,
        title.byPriority(), title.names(), leadTerms.sorted(),
        union(title.names(), leadTerms.names()), numbers, title.prefixesByPriority(),
        title.verbs(), title.trigrams(), Stems.negated(item.title(), russian), lines);
  }

  /**
   * The line hashes {@link #evidence} puts in {@link StoryEvidence#lineHashes()}, without the
   * rest of it: they do not depend on the source's statistics, and are what those statistics
   * are read for before the evidence is computed.
   */
  public long[] lineHashes(StoryText item) {
    String text = item.text().length() > MAX_TEXT_CHARS
        ? item.text().substring(0, MAX_TEXT_CHARS) : item.text();
    long[] lines = BodyCleaner.clean(text, SourceLines.NONE).lineHashes();
    return lines.length > MAX_LINE_HASHES ? Arrays.copyOf(lines, MAX_LINE_HASHES) : lines;
  }

  /** Whether {@code item} tells the story of {@code candidate}. */
  public StoryVerdict compare(StoryEvidence item, StoryEvidence candidate) {
    return Comparison.of(item, candidate);
  }

  /** The item's language, or its script's usual one when the feed does not say. */
  static String language(StoryText item, String text) {
    if (item.lang().isPresent() && !item.lang().get().isBlank()) {
      String l = item.lang().get().strip().toLowerCase(Locale.ROOT);
      int dash = l.indexOf('-') > 0 ? l.indexOf('-') : l.indexOf('_');
      return dash > 0 ? l.substring(0, dash) : l;
    }
    int cyrillic = 0;
    int latin = 0;
    String sample = item.title() + " " + text.substring(0, Math.min(text.length(), 1_000));
    for (int i = 0; i < sample.length(); i++) {
      char c = sample.charAt(i);
      // ASCII and the Cyrillic block told directly: Character.UnicodeScript.of searches a
      // table of every script's ranges for each character.
      if (c < 0x80) {
        latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1 : 0;
      } else if (c >= 0x400 && c <= 0x4ff && c != 0x485 && c != 0x486) { // combining: INHERITED
        cyrillic++;
      } else {
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        if (s == Character.UnicodeScript.CYRILLIC) {
          cyrillic++;
        } else if (s == Character.UnicodeScript.LATIN) {
          latin++;
        }
      }
    }
    return cyrillic > latin ? "ru" : latin > 0 ? "en" : "und";
  }

  /** Distinct word 3-shingle hashes of tokens[from, to), ascending (so a prefix is bottom-k). */
  static int[] shingles(Tokens.LongList tokens, int from, int to) {
    if (to - from < 3) {
      if (to - from <= 0) {
        return new int[0];
      }
      long h = 0;
      for (int i = from; i < to; i++) {
        h = Tokens.mix(h * 31 + tokens.get(i));
      }
      return new int[] {(int) h};
    }
    int[] out = new int[to - from - 2];
    for (int i = from; i + 2 < to; i++) {
      out[i - from] = (int) Tokens.mix(tokens.get(i) * 0x9E3779B97F4A7C15L
          + Long.rotateLeft(tokens.get(i + 1), 21) * 31 + Long.rotateLeft(tokens.get(i + 2), 42));
    }
    return distinctSorted(out);
  }

  static int[] distinctSorted(int[] a) {
    Arrays.sort(a);
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (i == 0 || a[i] != a[i - 1]) {
        a[n++] = a[i];
      }
    }
    return Arrays.copyOf(a, n);
  }

  private static int[] union(int[] a, int[] b) {
    int[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return distinctSorted(both);
  }
}
