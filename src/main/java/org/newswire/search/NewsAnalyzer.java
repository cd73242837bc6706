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
import org.apache.lucene.analysis.ru.RussianLightStemmer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * One analyzer for index and query alike: Unicode word breaks (UAX #29, so punctuation and case
 * drop out), {@code ё} read as {@code е}, then each word stemmed by its own script — Cyrillic
 * words with Lucene's light Russian stemmer, Latin ones with the English (Porter2) Snowball one.
 * The light stemmer takes case and number endings only: the Snowball Russian one also cuts
 * "-н" from place names ("Кыргызстан" → "кыргызста" but "Кыргызстане" → "кыргызстан"), which
 * loses exactly the matches search is for. Choosing
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
    // UAX #29 keeps "г.Бишкек" and "title:Бишкек" as one word; news text means two.
    b.add(".", " ");
    b.add(":", " ");
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

  private static final RussianLightStemmer RU = new RussianLightStemmer(); // stateless

  /** Stems a lower-cased word by its script; words with digits or mixed scripts stay as is. */
  static String stem(String word, SnowballStemmer en) {
    switch (Script.of(word)) {
      case CYRILLIC -> {
        char[] c = word.toCharArray();
        return new String(c, 0, RU.stem(c, c.length));
      }
      case LATIN -> {
        en.setCurrent(word);
        en.stem();
        return en.getCurrent();
      }
      default -> {
        return word;
      }
    }
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
      String stemmed = stem(word, en);
      if (!stemmed.equals(word)) {
        term.setEmpty().append(stemmed);
      }
      return true;
    }
  }
}
