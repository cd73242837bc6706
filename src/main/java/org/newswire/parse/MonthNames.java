package org.newswire.parse;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Month names and their abbreviations, in the languages of the feeds {@link Dates} reads. */
final class MonthNames {
  private MonthNames() {}

  /** Month number for a month name or abbreviation in one of the languages known, else 0. */
  static int number(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.length() >= 3) {
      // The common case first: English and Russian, decided by three letters.
      int m = switch (n.substring(0, 3)) {
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
      if (m != 0) {
        return m;
      }
    }
    return MONTHS.getOrDefault(fold(n), 0);
  }

  /** Lower case without accents and with a dotless i made plain: "Μάι" and "mai" alike. */
  private static String fold(String s) {
    String lower = s.toLowerCase(Locale.ROOT).replace('ı', 'i');
    boolean ascii = true;
    for (int i = 0; i < lower.length() && ascii; i++) {
      ascii = lower.charAt(i) < 0x80;
    }
    if (ascii) {
      return lower;
    }
    return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }

  /**
   * Month names by language, January first; alternatives (genitive, nominative, short forms)
   * separated by "|". Every unambiguous prefix of three letters or more is accepted too, so
   * "sept", "févr", "Ιούλ" and "paźdz" need no entries of their own.
   */
  private static final String[][] MONTH_NAMES = {
      // English, Russian
      {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"},
      {"января|январь", "февраля|февраль", "марта|март", "апреля|апрель", "мая|май",
          "июня|июнь", "июля|июль", "августа|август", "сентября|сентябрь", "октября|октябрь",
          "ноября|ноябрь", "декабря|декабрь"},
      // Ukrainian
      {"січня|січень", "лютого|лютий", "березня|березень", "квітня|квітень", "травня|травень",
          "червня|червень", "липня|липень", "серпня|серпень", "вересня|вересень",
          "жовтня|жовтень", "листопада|листопад", "грудня|грудень"},
      // Kazakh
      {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
          "қазан", "қараша", "желтоқсан"},
      // Greek (genitive and nominative; accents are folded away)
      {"ιανουαριου|ιανουαριος", "φεβρουαριου|φεβρουαριος", "μαρτιου|μαρτιος",
          "απριλιου|απριλιος", "μαιου|μαιος|μαι", "ιουνιου|ιουνιος|ιουν",
          "ιουλιου|ιουλιος|ιουλ", "αυγουστου|αυγουστος", "σεπτεμβριου|σεπτεμβριος",
          "οκτωβριου|οκτωβριος", "νοεμβριου|νοεμβριος", "δεκεμβριου|δεκεμβριος"},
      // Hungarian
      {"január", "február", "március", "április", "május|máj", "június|jún", "július|júl",
          "augusztus", "szeptember", "október", "november", "december"},
      // German
      {"januar|jänner", "februar|feber", "märz|maerz", "april", "mai", "juni", "juli",
          "august", "september", "oktober", "november", "dezember"},
      // French
      {"janvier", "février", "mars", "avril", "mai", "juin", "juillet|juil", "août", "septembre",
          "octobre", "novembre", "décembre"},
      // Spanish
      {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre|setiembre", "octubre", "noviembre", "diciembre"},
      // Italian
      {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"},
      // Portuguese
      {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
          "outubro", "novembro", "dezembro"},
      // Dutch
      {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"},
      // Polish (genitive and nominative)
      {"stycznia|styczeń", "lutego|luty", "marca|marzec", "kwietnia|kwiecień", "maja|maj",
          "czerwca|czerwiec", "lipca|lipiec", "sierpnia|sierpień", "września|wrzesień",
          "października|październik", "listopada|listopad", "grudnia|grudzień"},
      // Czech (genitive and nominative)
      {"ledna|leden", "února|únor", "března|březen", "dubna|duben", "května|květen",
          "června|červen", "července|červenec", "srpna|srpen", "září", "října|říjen",
          "listopadu|listopad", "prosince|prosinec"},
      // Turkish
      {"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
          "ekim", "kasım", "aralık"},
      // Azerbaijani
      {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
          "oktyabr", "noyabr", "dekabr"},
  };

  private static final Map<String, Integer> MONTHS = months(); // after MONTH_NAMES

  private static Map<String, Integer> months() {
    Map<String, Integer> full = new HashMap<>();
    Map<String, Integer> prefixes = new HashMap<>();
    for (String[] language : MONTH_NAMES) {
      for (int i = 0; i < 12; i++) {
        for (String name : language[i].split("\\|")) {
          String f = fold(name);
          full.put(f, i + 1);
          for (int len = 3; len < f.length(); len++) {
            // -1 marks a prefix two months share ("jui": juin and juillet; "čer")
            prefixes.merge(f.substring(0, len), i + 1, (a, b) -> a.equals(b) ? a : -1);
          }
        }
      }
    }
    Map<String, Integer> all = new HashMap<>();
    prefixes.forEach((p, m) -> {
      if (m > 0) {
        all.put(p, m);
      }
    });
    all.putAll(full); // a whole name wins over another month's prefix ("maj" is May)
    return Map.copyOf(all);
  }
}
