package org.newswire.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an item's text that tells its story: datelines, credit lines, "read also" links and
 * the source's own recurring lines removed. Only shapes of such lines are listed here (a place in
 * capitals, a date and an agency; a credit phrase and a colon); the outlets' actual strings are
 * learned per source from {@link SourceLines}, never listed.
 */
final class BodyCleaner {
  private BodyCleaner() {}

  /** Tokens of a lead that story matching looks at (an aggregator's excerpt is about this). */
  static final int LEAD_TOKENS = 40;

  /** A line is the source's boilerplate once this many earlier items of the source had it. */
  static final int BOILERPLATE_ITEMS = 2;

  /** A long paragraph needs more repeats: a source re-running a story is not boilerplate. */
  static final int BOILERPLATE_ITEMS_LONG = 5;

  /** A "Label: text" line whose label recurs this often in the source is a link block line. */
  static final int LABEL_ITEMS = 3;

  // «МОСКВА, 12 мар — РИА Новости.», «Бишкек, 3 июля /Кабар/.», «Киев, 5 марта 2012 г. (Укринформ)»
  private static final String RU_DATE = "\\d{1,2}\\s+\\p{L}{3,9}\\.?(?:\\s+\\d{4}(?:\\s*г(?:ода?)?\\.?)?)?\\s*";
  private static final String RU_AGENCY = "(?:/[^/\\n]{1,60}/|\\([^)\\n]{1,60}\\))\\s*\\.?";
  private static final Pattern RU_DATELINE = Pattern.compile(
      "^\\s*(?:[\\p{Lu}][\\p{L}.\\- ]{1,40}?,\\s*" + RU_DATE
          + "(?:" + RU_AGENCY + "|[—–-]{1,2}\\s*[^.\\n]{1,30}?\\.)|" + RU_DATE + RU_AGENCY + ")\\s*");
  // «WASHINGTON (AP) —», «LONDON, March 12 (Reuters) -», «BERLIN --», «(Reuters) -»
  private static final Pattern EN_DATELINE = Pattern.compile(
      "^\\s*(?:[\\p{Lu}][\\p{Lu}.'\\- ]{1,40}(?:,\\s*[\\p{Lu}][\\p{L}.\\- ]{1,30})?"
          + "(?:,\\s*\\p{Lu}\\p{Ll}{2,8}\\.?\\s+\\d{1,2}(?:,\\s*\\d{4})?)?\\s*)?"
          + "(?:\\([^)\\n]{1,40}\\)\\s*)?(?:—|–|--?)\\s*");
  // A dateline must have a place in capitals or an agency in parentheses to count in English.
  private static final Pattern EN_DATELINE_GUARD = Pattern.compile(
      "^\\s*(?:\\p{Lu}{2,}|\\()");

  // Credit, "read also", share and copyright lines: phrases that never start a news sentence.
  private static final Pattern CREDIT = Pattern.compile(
      "^\\W{0,3}(?:при\\s+(?:использовании|цитировании|перепечатке|полном\\s+или)"
          + "|читайте\\s+(?:также|еще|ещё|нас)|читать\\s+(?:также|далее|полностью)"
          + "|смотрите\\s+также|см\\.\\s+также|по\\s+материалам|материалы\\s+по\\s+теме"
          + "|новости\\s+по\\s+теме|другие\\s+новости|версия\\s+для\\s+печати|полный\\s+текст"
          + "|подписывайтесь|подпишитесь|все\\s+права\\s+защищены"
          + "|read\\s+(?:also|more)|see\\s+also|more\\s+on\\s+this|continue\\s+reading"
          + "|copyright|©|\\(c\\)|all\\s+rights\\s+reserved|follow\\s+us|sign\\s+up"
          + "|(?:additional\\s+)?(?:reporting|editing|writing)\\s+by)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  // Single words that start credit lines only when a colon or dash follows.
  private static final Pattern LABEL_CREDIT = Pattern.compile(
      "^\\W{0,3}(?:источник|фото|видео|иллюстрация|ранее|теги|метки|подробнее|автор"
          + "|source|photo|image|video|tags|related|advertisement|credit)\\s*[:—–|]",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern TRAILER = Pattern.compile(
      "\\s*[(\\[]?(?:читать\\s+далее|читать\\s+полностью|подробнее|read\\s+more"
          + "|continue\\s+reading)\\W*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern LABEL = Pattern.compile("^\\s*([^:\\n]{1,40}):\\s*\\S");

  /**
   * @param tokens the kept body's token hashes, in order
   * @param lead the raw text of the first kept lines (about {@link #LEAD_TOKENS} words)
   * @param lineHashes every line's hash (kept or not) and its label's, for the source statistics
   */
  record Cleaned(Tokens.LongList tokens, String lead, long[] lineHashes) {}

  static Cleaned clean(String text, SourceLines source) {
    Tokens.LongList tokens = new Tokens.LongList();
    Tokens.LongList lineHashes = new Tokens.LongList();
    StringBuilder lead = new StringBuilder();
    boolean first = true;
    for (String raw : lines(text)) {
      int mark = tokens.size();
      int n = Tokens.hashes(raw, tokens);
      if (n == 0) {
        continue;
      }
      long h = Tokens.ofRun(tokens, mark, tokens.size());
      lineHashes.add(h);
      long label = labelHash(raw, tokens, mark);
      if (label != 0) {
        lineHashes.add(label);
      }
      tokens.truncate(mark);
      int seen = source.itemsWithLine(h);
      boolean boilerplate = seen >= (n >= 40 ? BOILERPLATE_ITEMS_LONG : BOILERPLATE_ITEMS)
          || (label != 0 && raw.length() <= 200 && source.itemsWithLine(label) >= LABEL_ITEMS);
      if (boilerplate || (raw.length() <= 300 && CREDIT.matcher(raw).find())
          || LABEL_CREDIT.matcher(raw).find()) {
        continue;
      }
      String line = TRAILER.matcher(raw).replaceFirst("");
      if (first) {
        line = stripDateline(line);
        first = false;
      }
      int before = tokens.size();
      Tokens.hashes(line, tokens);
      if (before < LEAD_TOKENS) {
        lead.append(line).append('\n');
      }
    }
    return new Cleaned(tokens, lead.toString(), lineHashes.toArray());
  }

  /** The hash of a line's "Label:" (0 if none): recurring labels mark link blocks. */
  private static long labelHash(String raw, Tokens.LongList tokens, int mark) {
    Matcher m = LABEL.matcher(raw);
    if (!m.find()) {
      return 0;
    }
    int words = 0;
    for (int i = 0; i < m.end(1); i++) {
      if (Character.isWhitespace(raw.charAt(i))) {
        words++;
      }
    }
    if (words > 3) {
      return 0;
    }
    int end = tokens.size();
    Tokens.hashes(m.group(1), tokens);
    long h = Tokens.mix(Tokens.ofRun(tokens, end, tokens.size()) ^ 0x1abe1L);
    tokens.truncate(end);
    return h;
  }

  static String stripDateline(String line) {
    Matcher ru = RU_DATELINE.matcher(line);
    if (ru.find() && ru.end() < line.length()) {
      return line.substring(ru.end());
    }
    if (EN_DATELINE_GUARD.matcher(line).find()) {
      Matcher en = EN_DATELINE.matcher(line);
      if (en.find() && en.end() > 0 && en.end() < line.length() && en.end() <= 80) {
        return line.substring(en.end());
      }
    }
    return line;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i > start) {
          out.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
