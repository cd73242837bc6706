package org.newswire.search;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * One analyzer for index and query alike: Unicode word breaks (UAX #29, so punctuation and case
 * drop out), {@code ё} read as {@code е}, then each word stemmed by its own script — Cyrillic
 * words with the Russian Snowball stemmer, Latin ones with the English (Porter2) one. Choosing
 * per word rather than per item is what lets a query mix both scripts, need no language, and
 * still match an item whose {@code lang} is wrong or missing (a Russian item quoting "Reuters"
 * or a Kyrgyz agency writing in Russian).
 *
 * <p>Change anything here and bump {@link IndexSchema#VERSION}: every index then rebuilds.
 */
final class NewsAnalyzer extends Analyzer {
  private static final NormalizeCharMap YO = yo();

  private static NormalizeCharMap yo() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    b.add("ё", "е");
    b.add("Ё", "Е");
    // U+0301 combining acute: stress marks in dictionaries and some agencies' names
    b.add("\u0301", "");
    return b.build();
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new MappingCharFilter(YO, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    return new TokenStreamComponents(source, new ScriptStemFilter(new LowerCaseFilter(source)));
  }

  /** Stems a lower-cased word by its script; words with digits or mixed scripts stay as is. */
  static String stem(String word, SnowballStemmer ru, SnowballStemmer en) {
    Script s = Script.of(word);
    SnowballStemmer stemmer = s == Script.CYRILLIC ? ru : s == Script.LATIN ? en : null;
    if (stemmer == null) {
      return word;
    }
    stemmer.setCurrent(word);
    stemmer.stem();
    return stemmer.getCurrent();
  }

  enum Script {
    CYRILLIC, LATIN, OTHER;

    static Script of(String word) {
      boolean cyr = false;
      boolean lat = false;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC) {
          cyr = true;
        } else if (c >= 'a' && c <= 'z') {
          lat = true;
        } else {
          return OTHER;
        }
      }
      return cyr == lat ? OTHER : cyr ? CYRILLIC : LATIN;
    }
  }

  private static final class ScriptStemFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final SnowballStemmer ru = new RussianStemmer();
    private final SnowballStemmer en = new EnglishStemmer();

    ScriptStemFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      String word = term.toString();
      String stemmed = stem(word, ru, en);
      if (!stemmed.equals(word)) {
        term.setEmpty().append(stemmed);
      }
      return true;
    }
  }
}
