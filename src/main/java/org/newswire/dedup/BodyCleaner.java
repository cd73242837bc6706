package org.newswire.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  static final int LEAD_CHARS = 600;

  /** A line is the source's boilerplate once this many earlier items of the source had it. */
  static final int BOILERPLATE_ITEMS = 2;

  /** A long paragraph needs more repeats: a source re-running a story is not boilerplate. */
  static final int BOILERPLATE_ITEMS_LONG = 5;

  /** A "Label: text" line whose label recurs this often in the source is a link block line. */
  static final int LABEL_ITEMS = 3;

  // Datelines are a place, a date and an agency before the story's first sentence, in many
  // shapes: «МОСКВА, 12 мар — РИА Новости.», «Бишкек, 3 июля /Кабар/.», «САНКТ-ПЕТЕРБУРГ,
  // 6 января. Росбалт.», «БИШКЕК (17 января) — АКИpress.», «LONDON, March 12 (Reuters) -»,
  // «Nov. 19 (UPI) --». Matched as shapes: capitalised words, a day and a month word, an agency
  // in capitalised words, slashes or parentheses, then a dash or a full stop.
  private static final String CAP_WORD = "\\p{Lu}[\\p{L}\\p{N}&'’\\-]*";
  private static final String PLACE = "(?:" + CAP_WORD + "(?:\\s+" + CAP_WORD + "){0,3}\\s*[,(]\\s*)?";
  private static final String DATE = "(?:\\d{1,2}\\s+\\p{L}{3,9}\\.?|\\p{Lu}\\p{Ll}{2,8}\\.?\\s+\\d{1,2})"
      + "(?:,?\\s+\\d{4}(?:\\s*г\\.?)?)?\\)?";
  private static final String AGENCY = "(?:/[^/\\n]{1,60}/|\\([^)\\n]{1,60}\\)|" + CAP_WORD
      + "(?:\\s+" + CAP_WORD + "){0,3})";
  private static final String END = "(?:\\s*(?:[—–:]|-{1,2})\\s*|\\.\\s+|\\s*\\.?$)";
  private static final Pattern DATELINE = Pattern.compile("\\s*" + PLACE + DATE
      + "(?:\\s*(?:[—–,]|-{1,2}|\\.)?\\s*" + AGENCY + ")?" + END);
  // «WASHINGTON (AP) —», «(Reuters) -», «BERLIN --»: a place in capitals or an agency, no date.
  private static final Pattern EN_DATELINE = Pattern.compile(
      "\\s*(?:\\p{Lu}{2,}[\\p{Lu}.'\\- ]{0,40}(?:,\\s*\\p{Lu}[\\p{L}.\\- ]{1,30})?\\s*)?"
          + "(?:\\([^)\\n]{1,40}\\)\\s*)?(?:—|–|--?)\\s+");

  /** Lines at the start of a text that may carry the dateline (a subtitle may come first). */
  static final int DATELINE_LINES = 3;

  // Credit, "read also", share and copyright lines: phrases that never start a news sentence.
  private static final long[][] CREDIT = phrases("при использовании", "при цитировании",
      "при перепечатке", "при полном или", "читайте также", "читайте еще", "читайте нас",
      "читать также", "читать далее", "читать полностью", "смотрите также", "см также",
      "по материалам", "материалы по теме", "новости по теме", "другие новости",
      "версия для печати", "полный текст", "подписывайтесь", "подпишитесь",
      "все права защищены", "read also", "read more", "see also", "more on this",
      "continue reading", "copyright", "all rights reserved", "follow us", "sign up",
      "reporting by", "editing by", "writing by", "additional reporting");
  // Single words that start credit lines only when a colon or dash follows.
  private static final long[][] LABEL_CREDIT = phrases("источник", "фото", "видео",
      "иллюстрация", "ранее", "теги", "метки", "подробнее", "автор", "source", "photo", "image",
      "video", "tags", "related", "advertisement", "credit");
  // An aggregator's excerpt ends with a link to the rest.
  private static final long[][] TRAILER = phrases("читать далее", "читать полностью",
      "подробнее", "read more", "continue reading");
  private static final Pattern LABEL = Pattern.compile("\\s*([^:\\n]{1,40}):\\s*\\S");

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
    int datelineLines = DATELINE_LINES;
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
      int seen = source.itemsWithLine(h);
      boolean boilerplate = seen >= (n >= 40 ? BOILERPLATE_ITEMS_LONG : BOILERPLATE_ITEMS)
          || (label != 0 && raw.length() <= 200 && source.itemsWithLine(label) >= LABEL_ITEMS);
      if (boilerplate || raw.length() <= 300 && credit(raw, tokens, mark)) {
        tokens.truncate(mark);
        continue;
      }
      String line = raw;
      if (datelineLines-- > 0) {
        line = stripDateline(raw);
        if (line != raw) {
          tokens.truncate(mark);
          Tokens.hashes(line, tokens);
        }
      }
      for (long[] t : TRAILER) {
        if (tokens.size() - mark > t.length && matches(tokens, tokens.size() - t.length, t)) {
          tokens.truncate(tokens.size() - t.length);
          break;
        }
      }
      if (mark < LEAD_TOKENS) {
        lead.append(line).append('\n');
      }
    }
    // About 80 words: stemming is the dearest step, and the lead is what paraphrases share.
    int cut = lead.length() <= LEAD_CHARS ? lead.length() : lead.lastIndexOf(" ", LEAD_CHARS);
    return new Cleaned(tokens, lead.substring(0, Math.max(cut, 0)), lineHashes.toArray());
  }

  /** Whether the line is a credit or link line: a credit phrase, or a credit label and a colon. */
  private static boolean credit(String raw, Tokens.LongList tokens, int mark) {
    int first = 0;
    while (first < raw.length() && Tokens.fold(raw.charAt(first)) < 0) {
      if (raw.charAt(first) == '©') {
        return true;
      }
      first++;
    }
    if (first > 0 && raw.charAt(first - 1) == '(' && raw.regionMatches(true, first, "c)", 0, 2)) {
      return true;
    }
    for (long[] p : CREDIT) {
      if (matches(tokens, mark, p)) {
        return true;
      }
    }
    for (long[] p : LABEL_CREDIT) {
      if (matches(tokens, mark, p)) {
        int i = first;
        while (i < raw.length() && Tokens.fold(raw.charAt(i)) >= 0) {
          i++;
        }
        while (i < raw.length() && raw.charAt(i) == ' ') {
          i++;
        }
        return i < raw.length() && ":—–|".indexOf(raw.charAt(i)) >= 0;
      }
    }
    return false;
  }

  private static boolean matches(Tokens.LongList tokens, int at, long[] phrase) {
    if (at + phrase.length > tokens.size()) {
      return false;
    }
    for (int i = 0; i < phrase.length; i++) {
      if (tokens.get(at + i) != phrase[i]) {
        return false;
      }
    }
    return true;
  }

  private static long[][] phrases(String... phrases) {
    long[][] out = new long[phrases.length][];
    for (int i = 0; i < phrases.length; i++) {
      Tokens.LongList t = new Tokens.LongList();
      Tokens.hashes(phrases[i], t);
      out[i] = t.toArray();
    }
    return out;
  }

  /** The hash of a line's "Label:" (0 if none): recurring labels mark link blocks. */
  private static long labelHash(String raw, Tokens.LongList tokens, int mark) {
    if (raw.indexOf(':') < 0) {
      return 0;
    }
    Matcher m = LABEL.matcher(raw).region(0, Math.min(raw.length(), 48));
    if (!m.lookingAt()) {
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
    Matcher m = DATELINE.matcher(line);
    if (m.lookingAt() && m.end() <= 120 && m.end() > 0 && startsSentence(line, m.end())) {
      return line.substring(m.end());
    }
    Matcher en = EN_DATELINE.matcher(line);
    if (en.lookingAt() && en.end() <= 80 && en.end() > 0 && startsSentence(line, en.end())) {
      return line.substring(en.end());
    }
    return line;
  }

  /** What follows a dateline starts a sentence: a capital, a digit or a quote. */
  private static boolean startsSentence(String line, int at) {
    return at >= line.length() || !Character.isLowerCase(line.charAt(at));
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
