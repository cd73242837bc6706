package org.newswire.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The analyzer gives the very tokens of the chain it replaced: Lucene's MappingCharFilter for
 * the character mappings, and each word's script told by {@link Character.UnicodeBlock}. The
 * index is not rebuilt for the change, so any difference would make old and new documents
 * disagree on their terms.
 */
class NewsAnalyzerTest {
  /** The chain as it was, built from Lucene's general parts. */
  static final class Reference extends Analyzer {
    private static final NormalizeCharMap MAP = map();
    private static final RussianLightStemmer RU = new RussianLightStemmer();

    private static NormalizeCharMap map() {
      NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
      b.add("ё", "е");
      b.add("Ё", "Е");
      b.add("\u0301", "");
      b.add(".", " ");
      b.add(":", " ");
      return b.build();
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new MappingCharFilter(MAP, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stems = new TokenFilter(new LowerCaseFilter(source)) {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final EnglishStemmer en = new EnglishStemmer();

        @Override
        public boolean incrementToken() throws IOException {
          if (!input.incrementToken()) {
            return false;
          }
          String word = term.toString();
          boolean cyr = false;
          boolean lat = false;
          boolean other = false;
          for (char c : word.toCharArray()) {
            if (Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC) {
              cyr = true;
            } else if (c >= 'a' && c <= 'z') {
              lat = true;
            } else {
              other = true;
            }
          }
          String stemmed = word;
          if (!other && cyr && !lat) {
            char[] c = word.toCharArray();
            stemmed = new String(c, 0, RU.stem(c, c.length));
          } else if (!other && lat && !cyr) {
            en.setCurrent(word);
            en.stem();
            stemmed = en.getCurrent();
          }
          term.setEmpty().append(stemmed);
          return true;
        }
      };
      return new TokenStreamComponents(source, stems);
    }
  }

  private static List<String> tokens(Analyzer a, String text) throws IOException {
    return tokens(a.tokenStream(IndexSchema.TEXT, text));
  }

  /** A reader that hands out at most three characters a read, as a slow stream might. */
  private static Reader trickle(String text, SplittableRandom r) {
    return new java.io.FilterReader(new java.io.StringReader(text)) {
      @Override
      public int read(char[] cbuf, int off, int len) throws IOException {
        return super.read(cbuf, off, Math.min(len, 1 + r.nextInt(3)));
      }
    };
  }

  private static List<String> tokens(TokenStream stream) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = stream) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + " +" + inc.getPositionIncrement() + " " + offset.startOffset() + "-"
            + offset.endOffset());
      }
      ts.end();
      out.add("end " + offset.endOffset());
    }
    return out;
  }

  @Test
  void newsTextGivesTheTokensOfLucenesGeneralChain() throws IOException {
    Analyzer news = new NewsAnalyzer();
    Analyzer reference = new Reference();
    List<String> texts = List.of(
        "Бишкек, 3 июля /Кабар/. Правительство Кыргызстана утвердило программу строительства"
            + " 12 новых школ в г.Бишкек и Ошской области.",
        "Всё ещё ЁЛКА: ёлки, Ёж и Алмазбе\u0301к Атамба\u0301ев; title:Бишкек.",
        "BISHKEK, July 3 (Reuters) - Kyrgyzstan's government approved schools; running runs"
            + " ran U.S. e-mail 3.5% COVID-19",
        "Ұлттық банк, Өзбекстан, Үкімат, Қазақстан, ң ү ө һ, Reuters-тің, Путинdigits2024",
        "\u0301\u0301\u0301 . : .. :: \u0301ё\u0301 日本語 한국어 😀 emoji 😀test Ελλάδα",
        "");
    for (String text : texts) {
      assertThat(tokens(news, text)).as(text).isEqualTo(tokens(reference, text));
    }
  }

  @Test
  void longRandomTextAcrossReadBuffersGivesTheSameTokens() throws IOException {
    String alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
        + "ңүөһқғәұі" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        + "0123456789" + "     \n\t.,:;-—«»\"'()/%" + "\u0301\u0301" + "日本ελ";
    SplittableRandom r = new SplittableRandom(20261201);
    Analyzer news = new NewsAnalyzer();
    Analyzer reference = new Reference();
    for (int t = 0; t < 20; t++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + r.nextInt(20_000);
      while (b.length() < length) {
        if (r.nextInt(50) == 0) {
          b.appendCodePoint(0x1F600 + r.nextInt(40)); // a surrogate pair
        } else {
          b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String text = b.toString();
      List<String> expected = tokens(reference, text);
      assertThat(expected).hasSizeGreaterThan(1);
      assertThat(tokens(news, text)).isEqualTo(expected);
    }
  }

  /**
   * Reads of a few characters each: some return nothing but stress marks, which the analyzer
   * drops, and a reader must still hand out at least one character (the tokenizer fails on a
   * read of none).
   */
  @Test
  void readsOfAFewCharactersAndOfStressMarksAloneGiveTheSameTokens() throws IOException {
    Analyzer news = new NewsAnalyzer();
    Analyzer reference = new Reference();
    List<String> texts = List.of("\u0301", "\u0301\u0301\u0301 ё", "Алмазбе\u0301\u0301\u0301к",
        "Кыргызстан\u0301\u0301\u0301\u0301\u0301\u0301.Бишкек:Ош ёлка Running");
    for (String text : texts) {
      List<String> expected = tokens(reference, text);
      assertThat(tokens(news.tokenStream(IndexSchema.TEXT, trickle(text,
          new SplittableRandom(text.length()))))).as(text).isEqualTo(expected);
    }
    SplittableRandom r = new SplittableRandom(7);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      b.append(r.nextInt(4) == 0 ? "\u0301\u0301\u0301" : "").append("слово").append(i)
          .append(r.nextBoolean() ? "ё." : " ");
    }
    String text = b.toString();
    assertThat(tokens(news.tokenStream(IndexSchema.TEXT, trickle(text, r))))
        .isEqualTo(tokens(reference, text));
  }

  @Test
  void aWordIsStemmedByItsScript() {
    EnglishStemmer en = new EnglishStemmer();
    assertThat(NewsAnalyzer.stem("кыргызстане", en)).isEqualTo("кыргызстан");
    assertThat(NewsAnalyzer.stem("running", en)).isEqualTo("run");
    assertThat(NewsAnalyzer.stem("covid19", en)).isEqualTo("covid19");
    assertThat(NewsAnalyzer.stem("путинa", en)).isEqualTo("путинa"); // a Latin "a": mixed
  }
}
