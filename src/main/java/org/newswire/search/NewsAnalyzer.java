package org.newswire.search;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;
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
  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new Folding(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    return new TokenStreamComponents(source, new ScriptStemFilter(new LowerCaseFilter(source)));
  }

  private static final RussianLightStemmer RU = new RussianLightStemmer(); // stateless

  /** Stems a lower-cased word by its script; words with digits or mixed scripts stay as is. */
  static String stem(String word, SnowballStemmer en) {
    char[] c = word.toCharArray();
    int n = stem(c, c.length, en);
    return n < 0 ? en.getCurrent() : new String(c, 0, n);
  }

  /**
   * Stems the word in {@code c[0..n)} by its script: a Cyrillic or unchanged word in place
   * (returns its new length), a Latin one into {@code en}'s buffer (returns -1).
   */
  private static int stem(char[] c, int n, SnowballStemmer en) {
    switch (Script.of(c, n)) {
      case CYRILLIC -> {
        return RU.stem(c, n);
      }
      case LATIN -> {
        en.setCurrent(c, n);
        en.stem();
        return -1;
      }
      default -> {
        return n;
      }
    }
  }

  enum Script {
    CYRILLIC, LATIN, OTHER;

    static Script of(char[] word, int length) {
      boolean cyr = false;
      boolean lat = false;
      for (int i = 0; i < length; i++) {
        char c = word[i];
        if (c >= '\u0400' && c <= '\u04ff') { // the Cyrillic block
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

  /**
   * {@code ё} read as {@code е}; U+0301 (the combining acute of stress marks in dictionaries and
   * some agencies' names) dropped; {@code .} and {@code :} read as spaces, since UAX #29 keeps
   * "г.Бишкек" and "title:Бишкек" as one word where news text means two. Every mapping is one
   * character to one or none, so this is done in the buffer read; Lucene's general
   * {@code MappingCharFilter}, which did it before, looked each character up in a map: a tenth of
   * the indexing thread's CPU samples in a cold ingest. {@code NewsAnalyzerTest} checks the two
   * give the same tokens.
   */
  private static final class Folding extends BaseCharFilter {
    private int written;
    private int dropped;

    Folding(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      while (true) {
        int n = input.read(cbuf, off, len);
        if (n <= 0) {
          return n;
        }
        int out = off;
        for (int i = off; i < off + n; i++) {
          char c = cbuf[i];
          switch (c) {
            case '\u0451' -> c = '\u0435'; // ё
            case '\u0401' -> c = '\u0415'; // Ё
            case '.', ':' -> c = ' ';
            case '\u0301' -> {
              addOffCorrectMap(written + out - off, ++dropped);
              continue;
            }
            default -> {
            }
          }
          cbuf[out++] = c;
        }
        int kept = out - off;
        written += kept;
        if (kept > 0) {
          return kept; // else the read was all stress marks: a reader returns at least one
        }
      }
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
      int n = stem(term.buffer(), term.length(), en);
      if (n < 0) {
        term.copyBuffer(en.getCurrentBuffer(), 0, en.getCurrentBufferLength());
      } else {
        term.setLength(n);
      }
      return true;
    }
  }
}
