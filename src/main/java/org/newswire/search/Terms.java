package org.newswire.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;

/** Query text through the index's own analyzer, so both sides see the same terms. */
final class Terms {
  /** Thread-safe: Lucene keeps one token stream per thread. */
  static final Analyzer ANALYZER = new NewsAnalyzer();

  private Terms() {}

  /** The terms of {@code text} in order, as the index holds them. */
  static List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = ANALYZER.tokenStream(IndexSchema.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a string cannot fail", e);
    }
    return out;
  }

  /** The text before a '*' as written, lower-cased, ё as е. */
  static String normalize(String prefix) {
    return prefix.toLowerCase(Locale.ROOT).replace('ё', 'е').replace("\u0301", "");
  }

  /**
   * What a prefix is matched against. Indexed words are stems, so "выборы*" must look for
   * "выбор…" (the stem of its text) or it would miss "выборы" itself; a stem that is not a
   * prefix of the text (rare) leaves the text as typed.
   */
  static String prefixTerm(String prefix) {
    String text = normalize(prefix);
    String stem = NewsAnalyzer.stem(text, new EnglishStemmer());
    return text.startsWith(stem) && stem.length() >= SearchQuery.MIN_PREFIX ? stem : text;
  }
}
