package org.newswire.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.FlagsAttribute;
import java.util.HashMap;
import java.util.Map;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.PorterStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Stemmed content words of a title or lead (Lucene's Russian Snowball and English Porter stemmers
 * with their stop lists), so that «задержали мигрантов» and «задержаны мигранты» agree. Each
 * term is a 32-bit hash; numbers and names (capitalised inside a sentence) are also reported
 * apart, because a paraphrase must agree on them.
 */
final class Stems {
  private Stems() {}

  static final int NAME = 1;
  static final int NUMBER = 2;

  private static final Analyzer RU = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(new Marks(source));
      ts = new StopFilter(ts, RussianAnalyzer.getDefaultStopSet());
      return new TokenStreamComponents(source, new CachedStems(ts, new RussianStemmer()));
    }
  };

  private static final Analyzer EN = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(new EnglishPossessiveFilter(new Marks(source)));
      ts = new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      return new TokenStreamComponents(source, new CachedStems(ts, new PorterStemmer()));
    }
  };

  /** Receives each stemmed term with its {@link #NAME}/{@link #NUMBER} flags. */
  interface Sink {
    void term(int hash, int flags, int length);
  }

  static void terms(String text, boolean russian, Sink sink) {
    Analyzer a = russian ? RU : EN;
    try (TokenStream ts = a.tokenStream("", text.replace('ё', 'е').replace('Ё', 'Е'))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      FlagsAttribute flags = ts.addAttribute(FlagsAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        int h = 0x811c9dc5;
        for (int i = 0; i < term.length(); i++) {
          h = (h ^ term.charAt(i)) * 0x01000193;
        }
        sink.term((int) Tokens.mix(h), flags.getFlags(), term.length());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * Snowball stemming through a bounded cache of the words already seen: news repeats its
   * vocabulary, and stemming was most of the evidence's CPU. The analyzer reuses its components
   * per thread, so each thread has its own cache and stemmer.
   */
  private static final class CachedStems extends TokenFilter {
    private static final int MAX_WORDS = 50_000;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final SnowballStemmer stemmer;
    private final Map<String, String> stems = new HashMap<>();

    CachedStems(TokenStream in, SnowballStemmer stemmer) {
      super(in);
      this.stemmer = stemmer;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      String word = new String(term.buffer(), 0, term.length());
      String stem = stems.get(word);
      if (stem == null) {
        stemmer.setCurrent(term.buffer(), term.length());
        stemmer.stem();
        stem = new String(stemmer.getCurrentBuffer(), 0, stemmer.getCurrentBufferLength());
        if (stems.size() >= MAX_WORDS) {
          stems.clear();
        }
        stems.put(word, stem);
      }
      term.setEmpty().append(stem);
      return true;
    }
  }

  /**
   * Flags numbers, and names: a capitalised word that does not start a sentence (Russian titles
   * capitalise only those; English ones capitalise every word, which the caller knows).
   */
  private static final class Marks extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final FlagsAttribute flags = addAttribute(FlagsAttribute.class);
    private final org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset =
        addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
    private int lastEnd = -1;

    Marks(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      int f = 0;
      if (term.length() > 0) {
        char c = term.charAt(0);
        if (Character.isDigit(c)) {
          f = NUMBER;
        } else if (Character.isUpperCase(c) && lastEnd >= 0) {
          f = NAME;
        }
      }
      flags.setFlags(f);
      lastEnd = offset.endOffset();
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      lastEnd = -1;
    }
  }
}
