package org.newswire.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feed dates as agencies actually write them: RFC 822/1123 (RSS), RFC 3339 (Atom, JSON Feed)
 * and the usual deviations (a space for "T", "+03" or "GMT+3", zone names, microseconds,
 * Russian month names). Strict about the calendar: 31 February or hour 25 is no date at all,
 * never rolled over into March — {@link LocalDateTime#of} rejects them for us.
 */
final class Dates {
  private static final String ZONE =
      "(Z|[+-]\\d{1,2}(?::?\\d{2})?|(?:GMT|UTC|UT)(?:\\s*[+-]\\d{1,2}(?::?\\d{2})?)?|[A-Za-z]{1,5})";

  // 2021-07-03T10:15:00.123456+03:00, 2021-07-03 10:15, 2021-07-03, 20210703T101500Z
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-?(\\d{2})-?(\\d{2})(?:[Tt ]+(\\d{1,2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?"
          + "\\s*" + ZONE + "?");

  // [Sat,] 3 Jul 2021 [10:15[:00[.123]]] [zone]; also "3 июля 2021 г., 10:15"
  private static final Pattern RFC822 = Pattern.compile(
      "(?:[\\p{L}]{2,12}\\.?,?\\s*)?(\\d{1,2})[\\s-]+([\\p{L}]{3,10})\\.?[\\s-]+(\\d{2,4})"
          + "(?:\\s*(?:г\\.?)?,?\\s*(?:T|в)?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?"
          + "\\s*" + ZONE + "?");

  // [Sat,] Jul 3, 2021 [10:15[:00]] [zone]  and asctime: Sat Jul  3 10:15:00 [zone] 2021
  private static final Pattern US = Pattern.compile(
      "(?:[\\p{L}]{2,12}\\.?,?\\s+)?([\\p{L}]{3,10})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})"
          + "(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?\\s*" + ZONE + "?");
  private static final Pattern ASCTIME = Pattern.compile(
      "(?:[\\p{L}]{2,12},?\\s+)?([\\p{L}]{3,10})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})"
          + "\\s+(?:" + ZONE + "\\s+)?(\\d{4})");

  private static final Map<String, Integer> ZONES = Map.ofEntries(
      Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
      Map.entry("WET", 0), Map.entry("BST", 60), Map.entry("WEST", 60), Map.entry("CET", 60),
      Map.entry("CEST", 120), Map.entry("MET", 60), Map.entry("MEST", 120), Map.entry("EET", 120),
      Map.entry("EEST", 180), Map.entry("MSK", 180), Map.entry("MSD", 240), Map.entry("SAMT", 240),
      Map.entry("AZT", 240), Map.entry("GET", 240), Map.entry("AMT", 240), Map.entry("YEKT", 300),
      Map.entry("UZT", 300), Map.entry("TJT", 300), Map.entry("TMT", 300), Map.entry("PKT", 300),
      Map.entry("ALMT", 300), Map.entry("IST", 330), Map.entry("KGT", 360), Map.entry("OMST", 360),
      Map.entry("NOVT", 420), Map.entry("KRAT", 420), Map.entry("ICT", 420), Map.entry("IRKT", 480),
      Map.entry("CST", -360), Map.entry("HKT", 480), Map.entry("SGT", 480), Map.entry("AWST", 480),
      Map.entry("YAKT", 540), Map.entry("JST", 540), Map.entry("KST", 540), Map.entry("VLAT", 600),
      Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("MAGT", 660), Map.entry("NZST", 720),
      Map.entry("NZDT", 780), Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CDT", -300),
      Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480), Map.entry("PDT", -420),
      Map.entry("AKST", -540), Map.entry("AKDT", -480), Map.entry("HST", -600), Map.entry("AST", -240),
      Map.entry("ADT", -180), Map.entry("NST", -210), Map.entry("NDT", -150));

  private Dates() {}

  /** The instant a feed date names, or empty when it names none (or an impossible one). */
  static Optional<Instant> parse(String raw, ZoneId defaultZone) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.strip().replaceAll("\\s+", " ");
    if (s.isEmpty() || s.length() > 80) {
      return Optional.empty();
    }
    try {
      Matcher m = ISO.matcher(s);
      if (m.matches()) {
        return build(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
            m.group(7), m.group(8), defaultZone);
      }
      m = RFC822.matcher(s);
      if (m.matches()) {
        return build(m.group(3), month(m.group(2)), m.group(1), m.group(4), m.group(5),
            m.group(6), m.group(7), m.group(8), defaultZone);
      }
      m = US.matcher(s);
      if (m.matches()) {
        return build(m.group(3), month(m.group(1)), m.group(2), m.group(4), m.group(5),
            m.group(6), m.group(7), m.group(8), defaultZone);
      }
      m = ASCTIME.matcher(s);
      if (m.matches()) {
        return build(m.group(7), month(m.group(1)), m.group(2), m.group(3), m.group(4),
            m.group(5), null, m.group(6), defaultZone);
      }
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty(); // 31 February, hour 25, an unknown zone: no date
    }
    return Optional.empty();
  }

  private static Optional<Instant> build(String y, String mo, String d, String h, String mi,
      String sec, String frac, String zone, ZoneId defaultZone) {
    if (mo == null) {
      return Optional.empty();
    }
    int year = Integer.parseInt(y);
    if (y.length() == 2) {
      year += year < 50 ? 2000 : 1900; // RFC 822 two-digit years
    } else if (y.length() == 3) {
      return Optional.empty();
    }
    int nanos = 0;
    if (frac != null) {
      String f = (frac + "000000000").substring(0, 9); // microseconds are not milliseconds
      nanos = Integer.parseInt(f);
    }
    LocalDateTime local = LocalDateTime.of(year, Integer.parseInt(mo), Integer.parseInt(d),
        h == null ? 0 : Integer.parseInt(h), mi == null ? 0 : Integer.parseInt(mi),
        sec == null ? 0 : Integer.parseInt(sec), nanos);
    if (zone == null) {
      return Optional.of(local.atZone(defaultZone).toInstant());
    }
    Optional<ZoneOffset> offset = offset(zone);
    return offset.map(o -> local.toInstant(o));
  }

  /** "+0300", "+03", "+3", "+03:00", "GMT+3", "MSK"; unknown names give empty. */
  static Optional<ZoneOffset> offset(String zone) {
    String z = zone.replace(" ", "").toUpperCase(Locale.ROOT);
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

  /** Month number as a string for an English or Russian month name or abbreviation. */
  static String month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.length() < 3) {
      return null;
    }
    String p = n.substring(0, 3);
    int m = switch (p) {
      case "jan", "янв" -> 1;
      case "feb", "фев" -> 2;
      case "mar", "мар" -> 3;
      case "apr", "апр" -> 4;
      case "may", "мая", "май" -> 5;
      case "jun", "июн" -> 6;
      case "jul", "июл" -> 7;
      case "aug", "авг" -> 8;
      case "sep", "сен" -> 9;
      case "oct", "окт" -> 10;
      case "nov", "ноя" -> 11;
      case "dec", "дек" -> 12;
      default -> 0;
    };
    return m == 0 ? null : Integer.toString(m);
  }

  /** A date later than the fetch (plus tolerance for clock skew) is the fetch time. */
  static Instant clamp(Instant date, Instant fetchedAt) {
    return date.isAfter(fetchedAt.plusSeconds(600)) ? fetchedAt : date;
  }
}
