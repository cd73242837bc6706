package org.newswire.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feed dates as they are actually written — what feedparser reads, and then some: RFC 822/1123
 * (RSS) with its variants (no weekday, no seconds, two-digit years, a zone followed by a comment
 * such as {@code +0300 (MSK)}, "GMT+3", zone abbreviations, military letters, IANA names such as
 * {@code Europe/Moscow}), RFC 3339 / ISO 8601 / W3C-DTF (Atom, JSON Feed) including odd widths,
 * ordinal days, compact and partial forms (year-month, year), asctime, slash and dot separated
 * dates, and month names in Russian, Ukrainian, Kazakh, Greek, Hungarian, Korean, German,
 * French, Spanish, Italian, Portuguese, Dutch, Polish, Czech, Turkish and Azerbaijani.
 *
 * <p>Strict about the calendar: 31 February or hour 25 is no date at all, never rolled over into
 * March — {@link LocalDateTime#of} rejects them for us — and an unknown zone name makes the
 * date unknown rather than guessed. The common RSS and Atom forms are matched first, by the
 * first two patterns; the rest is tried only for what they do not match.
 */
final class Dates {
  private static final String TIME =
      "(?<h>\\d{1,2}):(?<mi>\\d{1,2})(?::(?<s>\\d{1,2})(?:[.,](?<f>\\d{1,9})\\d*)?)?"
          + "(?:\\s*(?<ap>[AaPp])\\.?[Mm]\\.?(?![A-Za-z]))?";
  private static final String ZONE = "(?<z>Z|z|[+-]\\d{1,2}(?::?\\d{2})?(?:\\s[A-Za-z]{1,5})?"
      + "|(?:GMT|UTC|UT)(?:\\s*[+-]\\d{1,2}(?::?\\d{2})?)?"
      + "|[A-Za-z]{2,10}/[A-Za-z0-9_+\\-/]{2,30}|[A-Za-z]{1,5})";
  // a weekday ends at a comma, a space or a period: "Sat, ", "Sat,", "Sa. ", "samedi "
  private static final String WEEKDAY = "(?:\\p{L}{2,12}(?:\\.?,\\s*|\\.?\\s+|\\.))?";
  private static final String MONTH_NAME = "(?<mon>\\p{L}{3,14})\\.?";

  // 2021-07-03T10:15:00.123456+03:00, 2021-07-03 10:15, 2021-07-03, 20210703T101500Z
  private static final Form ISO = new Form(
      "(?<y>\\d{4})-?(?<mo>\\d{2})-?(?<d>\\d{2})(?:[Tt ]+(?<h>\\d{1,2}):?(?<mi>\\d{2})"
          + "(?::?(?<s>\\d{2})(?:[.,](?<f>\\d{1,9})\\d*)?)?)?\\s*" + ZONE + "?");
  // [Sat,] 3 Jul 2021 [10:15[:00[.123]]] [zone]; "3 июля 2021 г., 10:15"; "11 Ιούλ 2004"
  private static final Form DAY_MONTH_YEAR = new Form(WEEKDAY
      + "(?<d>\\d{1,2})\\.?[\\s-]*(?:de\\s)?" + MONTH_NAME
      + "[\\s-]*(?:de\\s|del\\s)?(?<y>\\d{2,4})"
      + "(?:\\s*(?:г\\.?|р\\.?|ж\\.?)?,?\\s*(?:T|в|o|à|um|a las|alle|às|om|о)?\\s*" + TIME + ")?"
      + "\\s*" + ZONE + "?");
  // [Sat,] Jul 3, 2021 [10:15[:00]] [zone]
  private static final Form MONTH_DAY_YEAR = new Form(WEEKDAY
      + MONTH_NAME + "\\s+(?<d>\\d{1,2}),?\\s+(?<y>\\d{4})(?:,?\\s+(?:at\\s+)?" + TIME + ")?"
      + "\\s*" + ZONE + "?");
  // asctime: Sat Jul  3 10:15:00 [zone] 2021
  private static final Form ASCTIME = new Form(WEEKDAY
      + MONTH_NAME + "\\s+(?<d>\\d{1,2})\\s+" + TIME + "\\s+(?:" + ZONE + "\\s+)?(?<y>\\d{4})");
  // W3C-DTF and ISO 8601 beyond the strict form: 2003-12-31T10:14Z, 2003-1-5T1:2:3Z,
  // 2003-12, 2003, 2003-335 (ordinal), 2006/09/15 08:19:53 EDT (Perforce), 2021.07.03
  private static final Form YEAR_FIRST = new Form(WEEKDAY
      + "(?<y>\\d{4})(?:(?<sep>[-/.])(?<mo>\\d{1,2})(?:\\k<sep>(?<d>\\d{1,2}))?\\.?"
      + "|-(?<yd>\\d{3}))?(?:(?:[Tt]|,?\\s+)" + TIME + ")?\\s*" + ZONE + "?");
  // two-digit years: 03-12-31, 031231 (ISO 8601's YY-MM-DD)
  private static final Form SHORT_YEAR_FIRST = new Form(
      "(?<y>\\d{2})-?(?<mo>\\d{2})-?(?<d>\\d{2})(?:[Tt ]" + TIME + ")?\\s*" + ZONE + "?");
  // 03.07.2021 10:15 (day first, as written in Russian and most of Europe)
  private static final Form DOTTED_DAY_FIRST = new Form(
      "(?<d>\\d{1,2})\\.(?<mo>\\d{1,2})\\.(?<y>\\d{4})(?:,?\\s*(?:г\\.?,?\\s*)?" + TIME + ")?"
          + "\\s*" + ZONE + "?");
  // Hungarian: 2004-július-13T9:15-05:00, 2021. július 3. 10:15
  private static final Form YEAR_MONTH_NAME_DAY = new Form(
      "(?<y>\\d{4})\\.?[\\s-]*" + MONTH_NAME + "[\\s-]*(?<d>\\d{1,2})\\.?"
          + "(?:(?:[Tt]|,?\\s+)" + TIME + ")?\\s*" + ZONE + "?");
  // Korean: 2004년 05월 28일 01:31:15 (OnBlog), 2004-05-25 오후 11:23:17 (Nate)
  private static final Form KOREAN = new Form(
      "(?<y>\\d{4})(?:년\\s*|-)(?<mo>\\d{1,2})(?:월\\s*|-)(?<d>\\d{1,2})일?"
          + "(?:\\s*(?<ko>오전|오후)?\\s*" + TIME + ")?\\s*" + ZONE + "?");

  private static final List<Form> SLOW_FORMS = List.of(DAY_MONTH_YEAR, MONTH_DAY_YEAR, ASCTIME,
      YEAR_FIRST, DOTTED_DAY_FIRST, YEAR_MONTH_NAME_DAY, KOREAN, SHORT_YEAR_FIRST);

  private static final Pattern COMMENT = Pattern.compile("\\s*\\([^()]{0,40}\\)\\s*$");
  private static final ZoneOffset KST = ZoneOffset.ofHours(9);

  /** Zone abbreviations, in minutes east of UTC. US zones as in RFC 822 and feedparser. */
  private static final Map<String, Integer> ZONES = zones();


  private Dates() {}

  /** A pattern and the names of its groups (asking a matcher for another name throws). */
  private record Form(Pattern pattern, java.util.Set<String> groups) {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-z]+)>");

    Form(String regex) {
      this(Pattern.compile(regex), GROUP_NAME.matcher(regex).results().map(r -> r.group(1))
          .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    String group(Matcher m, String name) {
      return groups.contains(name) ? m.group(name) : null;
    }
  }

  /** The instant a feed date names, or empty when it names none (or an impossible one). */
  static Optional<Instant> parse(String raw, ZoneId defaultZone) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = collapseSpace(raw);
    if (s.isEmpty() || s.length() > 80) {
      return Optional.empty();
    }
    try {
      Matcher m = ISO.pattern().matcher(s);
      if (m.matches()) {
        return build(ISO, m, defaultZone);
      }
      m = DAY_MONTH_YEAR.pattern().matcher(s);
      if (m.matches()) {
        return build(DAY_MONTH_YEAR, m, defaultZone);
      }
      String t = COMMENT.matcher(s).replaceFirst("");
      for (Form form : SLOW_FORMS) {
        m = form.pattern().matcher(t);
        if (m.matches()) {
          return build(form, m, defaultZone);
        }
      }
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty(); // 31 February, hour 25, an unknown zone: no date
    }
    return Optional.empty();
  }

  private static String collapseSpace(String raw) {
    String s = raw.strip();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean doubled = c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ';
      if (doubled || c != ' ' && (Character.isWhitespace(c) || c == '\u00A0')) {
        return s.replaceAll("[\\s\\u00A0]+", " ");
      }
    }
    return s;
  }

  private static Optional<Instant> build(Form form, Matcher m, ZoneId defaultZone) {
    String y = form.group(m, "y");
    int year = Integer.parseInt(y);
    if (y.length() == 2) {
      year += year < 50 ? 2000 : 1900; // RFC 822 two-digit years
    } else if (y.length() == 3) {
      return Optional.empty();
    }
    String mon = form.group(m, "mon");
    String mo = form.group(m, "mo");
    String d = form.group(m, "d");
    String yd = form.group(m, "yd");
    LocalDate date;
    if (yd != null) {
      int dayOfYear = Integer.parseInt(yd);
      if (dayOfYear < 1 || dayOfYear > LocalDate.of(year, 1, 1).lengthOfYear()) {
        return Optional.empty();
      }
      date = LocalDate.ofYearDay(year, dayOfYear);
    } else {
      int month;
      if (mon != null) {
        month = MonthNames.number(mon);
        if (month == 0) {
          return Optional.empty();
        }
      } else {
        month = mo == null ? 1 : Integer.parseInt(mo); // "2003": the year's first day
      }
      date = LocalDate.of(year, month, d == null ? 1 : Integer.parseInt(d));
    }
    String h = form.group(m, "h");
    int hour = h == null ? 0 : Integer.parseInt(h);
    String ap = form.group(m, "ap");
    String ko = form.group(m, "ko");
    boolean pm = ap != null && (ap.equals("p") || ap.equals("P")) || "오후".equals(ko);
    boolean am = ap != null && !pm || "오전".equals(ko);
    if (am || pm) {
      if (hour < 1 || hour > 12) {
        return Optional.empty();
      }
      hour = hour % 12 + (pm ? 12 : 0);
    }
    String mi = form.group(m, "mi");
    String sec = form.group(m, "s");
    String frac = form.group(m, "f");
    int nanos = frac == null ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
    LocalDateTime local = date.atTime(hour, mi == null ? 0 : Integer.parseInt(mi),
        sec == null ? 0 : Integer.parseInt(sec), nanos);
    String zone = form.group(m, "z");
    if (zone == null) {
      // The Korean forms come from Korean sites, in Korea's one zone (feedparser assumes it too).
      return Optional.of(form == KOREAN ? local.toInstant(KST) : local.atZone(defaultZone).toInstant());
    }
    if (zone.indexOf('/') > 0) {
      return Optional.of(local.atZone(ZoneId.of(zone)).toInstant()); // Europe/Moscow, Etc/GMT+3
    }
    return offset(zone).map(local::toInstant);
  }

  /** "+0300", "+03", "+3", "+03:00", "GMT+3", "+0300 MSK", "MSK", "A"; unknown names give empty. */
  static Optional<ZoneOffset> offset(String zone) {
    String z = zone.toUpperCase(Locale.ROOT);
    int space = z.indexOf(' ', 1);
    if (space > 0 && (z.charAt(0) == '+' || z.charAt(0) == '-')) {
      z = z.substring(0, space); // "+0000 UTC": the numeric offset is the one to trust
    }
    z = z.replace(" ", "");
    int sign = Math.max(z.indexOf('+'), z.indexOf('-'));
    if (sign < 0) {
      Integer minutes = ZONES.get(z);
      return minutes == null ? Optional.empty() : Optional.of(ZoneOffset.ofTotalSeconds(minutes * 60));
    }
    String prefix = z.substring(0, sign);
    if (!prefix.isEmpty() && !prefix.equals("GMT") && !prefix.equals("UTC") && !prefix.equals("UT")) {
      return Optional.empty();
    }
    String digits = z.substring(sign + 1).replace(":", "");
    int hours;
    int minutes = 0;
    if (digits.length() <= 2) {
      hours = Integer.parseInt(digits);
    } else {
      hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
      minutes = Integer.parseInt(digits.substring(digits.length() - 2));
    }
    if (hours > 18 || minutes > 59) {
      return Optional.empty();
    }
    int total = (hours * 60 + minutes) * 60;
    return Optional.of(ZoneOffset.ofTotalSeconds(z.charAt(sign) == '-' ? -total : total));
  }

  private static Map<String, Integer> zones() {
    Map<String, Integer> z = new HashMap<>(Map.ofEntries(
        Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
        Map.entry("WET", 0), Map.entry("BST", 60), Map.entry("WEST", 60), Map.entry("CET", 60),
        Map.entry("CEST", 120), Map.entry("MET", 60), Map.entry("MEST", 120), Map.entry("EET", 120),
        Map.entry("EEST", 180), Map.entry("MSK", 180), Map.entry("MSD", 240), Map.entry("SAMT", 240),
        Map.entry("AZT", 240), Map.entry("GET", 240), Map.entry("AMT", 240), Map.entry("YEKT", 300),
        Map.entry("UZT", 300), Map.entry("TJT", 300), Map.entry("TMT", 300), Map.entry("PKT", 300),
        Map.entry("ALMT", 300), Map.entry("IST", 330), Map.entry("KGT", 360), Map.entry("OMST", 360),
        Map.entry("NOVT", 420), Map.entry("KRAT", 420), Map.entry("ICT", 420), Map.entry("IRKT", 480),
        Map.entry("HKT", 480), Map.entry("SGT", 480), Map.entry("AWST", 480), Map.entry("PHT", 480),
        Map.entry("YAKT", 540), Map.entry("JST", 540), Map.entry("KST", 540), Map.entry("VLAT", 600),
        Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("ACST", 570), Map.entry("ACDT", 630),
        Map.entry("MAGT", 660), Map.entry("NZST", 720), Map.entry("NZDT", 780),
        Map.entry("TRT", 180), Map.entry("IDT", 180), Map.entry("SAST", 120), Map.entry("WAT", 60),
        Map.entry("CAT", 120), Map.entry("EAT", 180), Map.entry("IRST", 210), Map.entry("GST", 240),
        // North America (RFC 822 names and the rest of the US and Canadian zones)
        Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CST", -360), Map.entry("CDT", -300),
        Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480), Map.entry("PDT", -420),
        Map.entry("ET", -300), Map.entry("CT", -360), Map.entry("MT", -420), Map.entry("PT", -480),
        Map.entry("AKST", -540), Map.entry("AKDT", -480), Map.entry("HST", -600), Map.entry("HDT", -540),
        Map.entry("HAST", -600), Map.entry("HADT", -540), Map.entry("AST", -240), Map.entry("ADT", -180),
        Map.entry("AT", -240), Map.entry("NST", -210), Map.entry("NDT", -150), Map.entry("SST", -660),
        Map.entry("CHST", 600)));
    // Military letters as RFC 822 defines them (and feedparser reads them): A–I and K–M west
    // of UTC, N–Y east; J is local time, which names no zone.
    for (char c = 'A'; c <= 'Y'; c++) {
      if (c == 'J') {
        continue;
      }
      int hours = c < 'J' ? -(c - 'A' + 1) : c <= 'M' ? -(c - 'A') : c - 'N' + 1;
      z.put(String.valueOf(c), hours * 60);
    }
    return Map.copyOf(z);
  }

  /** A date later than the fetch (plus tolerance for clock skew) is the fetch time. */
  static Instant clamp(Instant date, Instant fetchedAt) {
    return date.isAfter(fetchedAt.plusSeconds(600)) ? fetchedAt : date;
  }
}
