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
import java.util.concurrent.ConcurrentHashMap;
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
  /** A Russian word whose ending is a verb's or a short participle's («задержали», «ранен»). */
  static final int VERB = 4;

  private static final Analyzer RU = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(new Marks(source));
      ts = new StopFilter(ts, RussianAnalyzer.getDefaultStopSet());
      return new TokenStreamComponents(source,
          new CachedStems(ts, new RussianStemmer(), RU_STEMS));
    }
  };

  private static final Analyzer EN = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(new EnglishPossessiveFilter(new Marks(source)));
      ts = new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      return new TokenStreamComponents(source,
          new CachedStems(ts, new PorterStemmer(), EN_STEMS));
    }
  };

  /** Receives each stemmed term with its {@link #NAME}/{@link #NUMBER}/{@link #VERB} flags. */
  interface Sink {
    /**
     * @param word the word as written, lower-cased (before stemming)
     */
    void term(int hash, int flags, int length, String word);

    /** Whether the sink reads {@code word} and {@link #VERB} (titles; leads do not). */
    default boolean surface() {
      return false;
    }
  }

  static void terms(String text, boolean russian, Sink sink) {
    Analyzer a = russian ? RU : EN;
    boolean surface = sink.surface();
    try (TokenStream ts = a.tokenStream("", text.replace('ё', 'е').replace('Ё', 'Е'))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      FlagsAttribute flags = ts.addAttribute(FlagsAttribute.class);
      CachedStems stems = (CachedStems) ts;
      ts.reset();
      while (ts.incrementToken()) {
        int f = flags.getFlags();
        String word = stems.word;
        Integer number = russian ? NUMBER_WORDS.get(word) : null;
        int h;
        int length = term.length();
        if (number != null) {
          // «семь» and «7» are one number: a paraphrase may spell it either way, and two
          // titles that disagree on it («в шестой раз», «в четвертый раз») tell two events.
          String digits = Integer.toString(number);
          h = hash(digits, digits.length());
          f = NUMBER;
          length = digits.length();
        } else {
          h = hash(term, term.length());
          if (surface && russian && f == 0 && verbLike(word)) {
            f = VERB;
          }
        }
        sink.term(h, f, length, word);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  private static int hash(CharSequence s, int length) {
    int h = 0x811c9dc5;
    for (int i = 0; i < length; i++) {
      h = (h ^ s.charAt(i)) * 0x01000193;
    }
    return (int) Tokens.mix(h);
  }

  /** Whether the title says «не»/«нет»/«ни»/«без» (or "not"/"no"/"never"): stop words. */
  static boolean negated(String title, boolean russian) {
    String[] words = russian ? NEGATIONS_RU : NEGATIONS_EN;
    int start = -1;
    for (int i = 0; i <= title.length(); i++) {
      boolean letter = i < title.length() && Character.isLetter(title.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        for (String w : words) {
          if (i - start == w.length() && title.regionMatches(true, start, w, 0, w.length())) {
            return true;
          }
        }
        start = -1;
      }
    }
    return false;
  }

  private static final String[] NEGATIONS_RU = {"не", "нет", "ни", "без"};
  private static final String[] NEGATIONS_EN = {"not", "no", "never", "without"};

  /**
   * Past-tense and present-tense verb endings and short participles: a heuristic (nouns such as
   * «бюджет» pass too), good enough to tell whether two headlines agree on what happened.
   */
  static boolean verbLike(String w) {
    int n = w.length();
    if (n < 4) {
      return false;
    }
    for (String e : VERB_ENDINGS) {
      if (w.endsWith(e)) {
        return true;
      }
    }
    // -л, -ла, -ло, -ли after a vowel: «заявил», «пропала», «нашли».
    int l = w.charAt(n - 1) == 'л' ? n - 1 : n >= 2 && w.charAt(n - 2) == 'л'
        && "аои".indexOf(w.charAt(n - 1)) >= 0 ? n - 2 : -1;
    return l >= 1 && "аеиоуяы".indexOf(w.charAt(l - 1)) >= 0;
  }

  private static final String[] VERB_ENDINGS = {"лся", "лась", "лось", "лись", "ется", "ится",
      "ются", "утся", "атся", "ятся", "ет", "ит", "ют", "ут", "ат", "ят", "ан", "ян", "ен", "ена",
      "ены", "ено", "ана", "аны", "ано", "ыт", "ита", "иты", "ито", "ыта", "ыто", "ыты"};

  /** Russian cardinal and ordinal numerals 1-10 in their case forms, as numbers. */
  private static final Map<String, Integer> NUMBER_WORDS = numberWords();

  private static Map<String, Integer> numberWords() {
    Map<String, Integer> m = new HashMap<>();
    String[] cardinals = {
        "один одна одно одного одной одному одним одном одну",
        "два две двух двум двумя двое двоих",
        "три трех трем тремя трое троих",
        "четыре четырех четырем четырьмя четверо четверых",
        "пять пяти пятью пятеро пятерых",
        "шесть шести шестью шестеро шестерых",
        "семь семи семеро семерых",
        "восемь восьми восемью",
        "девять девяти девятью",
        "десять десяти десятью"};
    for (int i = 0; i < cardinals.length; i++) {
      for (String w : cardinals[i].split(" ")) {
        m.put(w, i + 1);
      }
    }
    String[] ordinals = {"перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм",
        "девят", "десят"};
    String[] hard = "ый ой ая ое ые ого ому ым ом ую ых ыми".split(" ");
    String[] soft = "ий ья ье ьи ьего ьей ьему ьим ьем ью ьих ьими".split(" ");
    for (int i = 0; i < ordinals.length; i++) {
      for (String e : i == 2 ? soft : hard) {
        m.put(ordinals[i] + e, i + 1);
      }
    }
    return Map.copyOf(m);
  }

  /**
   * Snowball stemming through a bounded cache of the words already seen (news repeats its
   * vocabulary, and stemming was most of the evidence's CPU): stems by word as written, one map
   * per language shared by every thread; the stemmers stay per thread. A map per thread (an
   * analyzer's components are per thread) held the same words once per poll thread: after a
   * cold start of 100,000 bench items, 764,000 map entries, about 130 MB of the 169 MB live in
   * a 512 MB heap. Cleared when full, so its size stays bounded whatever the vocabulary.
   */
  private static final int MAX_STEMS = 100_000;
  private static final ConcurrentHashMap<String, String> RU_STEMS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, String> EN_STEMS = new ConcurrentHashMap<>();

  /** Stems each term, through its language's shared cache. */
  private static final class CachedStems extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final SnowballStemmer stemmer;
    private final ConcurrentHashMap<String, String> stems;
    /** The current token as written, lower-cased, before stemming. */
    String word = "";

    CachedStems(TokenStream in, SnowballStemmer stemmer,
        ConcurrentHashMap<String, String> stems) {
      super(in);
      this.stemmer = stemmer;
      this.stems = stems;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      word = new String(term.buffer(), 0, term.length());
      String stem = stems.get(word);
      if (stem == null) {
        stemmer.setCurrent(term.buffer(), term.length());
        stemmer.stem();
        stem = new String(stemmer.getCurrentBuffer(), 0, stemmer.getCurrentBufferLength());
        if (stems.size() >= MAX_STEMS) {
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
   * capitalise only those; English ones capitalise every word, which the caller knows), also
   * when only a quote precedes it («"Зенит" ...»), or an acronym anywhere («МЧС»).
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
        } else if (Character.isUpperCase(c)
            && (lastEnd >= 0 || offset.startOffset() > 0 || acronym())) {
          f = NAME;
        }
      }
      flags.setFlags(f);
      lastEnd = offset.endOffset();
      return true;
    }

    private boolean acronym() {
      int upper = 0;
      for (int i = 0; i < term.length(); i++) {
        if (Character.isUpperCase(term.charAt(i))) {
          upper++;
        }
      }
      return upper >= 2;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      lastEnd = -1;
    }
  }
}
