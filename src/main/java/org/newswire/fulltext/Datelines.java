package org.newswire.fulltext;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswire.fulltext.Article.Dateline;

/**
 * Parses the dateline that opens agency texts: place, optional date, agency, in the shapes
 * wire services use — {@code Бишкек, 03.07.21. /Кабар/.}, {@code BAKU, July 2 (Trend)},
 * {@code МОСКВА, 2 июл — РИА Новости.}, {@code АСТАНА. 3 июля. КАЗИНФОРМ -},
 * {@code LONDON (Reuters) -}. A month without a year takes the year that puts it on or before
 * the reference date (the article's date, or today), since datelines are never in the future.
 */
final class Datelines {
  private static final String RU_MONTH = "(?iu:(?<rum>янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)"
      + "[а-яё]*\\.?)";
  private static final String EN_MONTH = "(?i:(?<enm>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
      + "[a-z]*\\.?)";
  private static final String DATE = "(?<date>"
      + "(?<nd>\\d{1,2})[./](?<nm>\\d{1,2})[./](?<ny>\\d{2,4})"
      + "|(?<rd>\\d{1,2})\\s+" + RU_MONTH + "(?:\\s+(?<ry>\\d{4})(?:\\s*(?:г\\.|года?))?)?"
      + "|(?<ed>\\d{1,2})\\s+" + EN_MONTH + "(?:\\s+(?<ey>\\d{4}))?"
      + "|(?i:(?<enm2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?)\\s+(?<ed2>\\d{1,2})"
      + "(?:,?\\s+(?<ey2>\\d{4}))?"
      + ")(?:,?\\s+\\d{1,2}:\\d{2})?";
  private static final String PLACE =
      "(?<place>\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*){0,2})";
  private static final String AGENCY = "(?:"
      + "/\\s*(?<a1>[^/\\n]{2,40}?)\\s*/"
      + "|\\(\\s*(?<a2>[^)\\n]{2,40}?)\\s*\\)"
      + "|[—–-]\\s*(?<a3>\\p{L}[^.,—–\\n]{1,40}?)\\s*[.,]"
      + "|(?<a4>\\p{Lu}[\\p{L}.\\s-]{1,30}?)\\s*[—–-]\\s"
      + ")";
  private static final Pattern WITH_DATE = Pattern.compile(
      "^" + PLACE + "\\s*[,.]\\s*" + DATE + "\\s*[,.]?\\s*" + AGENCY);
  /** Without a date the place must be in capitals, so ordinary sentences never match. */
  private static final Pattern NO_DATE = Pattern.compile(
      "^(?<place>[\\p{Lu}'’-]{2,}(?:\\s+[\\p{Lu}'’-]{2,}){0,2})\\s*,?\\s*"
          + "\\(\\s*(?<a2>[^)\\n]{2,40}?)\\s*\\)\\s*[—–-]");

  private Datelines() {}

  /** The dateline opening one of the first lines of {@code text}, if any. */
  static Optional<Dateline> find(String text, LocalDate reference) {
    int lines = 0;
    for (String line : text.split("\n", 6)) {
      if (++lines > 5) {
        break;
      }
      Optional<Dateline> d = parse(line.strip(), reference);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  static Optional<Dateline> parse(String line, LocalDate reference) {
    Matcher m = WITH_DATE.matcher(line);
    if (m.find()) {
      return Optional.of(new Dateline(m.group("place"), date(m, reference), agency(m)));
    }
    m = NO_DATE.matcher(line);
    if (m.find()) {
      return Optional.of(new Dateline(m.group("place"), Optional.empty(), agency(m)));
    }
    return Optional.empty();
  }

  private static Optional<String> agency(Matcher m) {
    for (String g : new String[] {"a1", "a2", "a3", "a4"}) {
      String v = group(m, g);
      if (v != null && !v.isBlank()) {
        return Optional.of(v.strip().replaceAll("[.\\s]+$", ""));
      }
    }
    return Optional.empty();
  }

  private static String group(Matcher m, String name) {
    try {
      return m.group(name);
    } catch (IllegalArgumentException e) {
      return null; // the pattern has no such group
    }
  }

  private static Optional<LocalDate> date(Matcher m, LocalDate ref) {
    try {
      if (m.group("nd") != null) {
        int y = Integer.parseInt(m.group("ny"));
        return Optional.of(LocalDate.of(y < 100 ? 2000 + y : y,
            Integer.parseInt(m.group("nm")), Integer.parseInt(m.group("nd"))));
      }
      if (m.group("rd") != null) {
        return dayMonth(m.group("rd"), ruMonth(m.group("rum")), m.group("ry"), ref);
      }
      if (m.group("ed") != null) {
        return dayMonth(m.group("ed"), enMonth(m.group("enm")), m.group("ey"), ref);
      }
      if (m.group("ed2") != null) {
        return dayMonth(m.group("ed2"), enMonth(m.group("enm2")), m.group("ey2"), ref);
      }
    } catch (DateTimeException e) {
      return Optional.empty(); // "31.02.21" is no date
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> dayMonth(String day, int month, String year, LocalDate ref) {
    int d = Integer.parseInt(day);
    if (year != null) {
      return Optional.of(LocalDate.of(Integer.parseInt(year), month, d));
    }
    LocalDate candidate = LocalDate.of(ref.getYear(), month, d);
    return Optional.of(candidate.isAfter(ref.plusDays(2)) ? candidate.minusYears(1) : candidate);
  }

  private static final String[] RU_MONTHS =
      {"янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"};
  private static final String[] EN_MONTHS =
      {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

  private static int ruMonth(String m) {
    return month(m, RU_MONTHS);
  }

  private static int enMonth(String m) {
    return month(m, EN_MONTHS);
  }

  private static int month(String m, String[] prefixes) {
    String k = m.toLowerCase(Locale.ROOT);
    for (int i = 0; i < prefixes.length; i++) {
      if (k.startsWith(prefixes[i])) {
        return i + 1;
      }
    }
    throw new DateTimeException("no month " + m);
  }
}
