package org.newswire.charset;

import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charset evidence shared by feeds and article pages: the HTTP header, a byte-order mark, and
 * detection for bytes that declare nothing. Detection is ICU's (CJK, Greek, Hebrew, Arabic,
 * Latin…), with two additions where ICU is weak: Russian-language sites still serve
 * windows-1251, KOI8-R, IBM866 and ISO-8859-5, often undeclared, and ICU neither knows IBM866
 * nor tells the four apart reliably on short texts, so among them the charset whose decoding
 * reads most like Russian (ordinary lower-case letters) wins; and ICU has no Thai recogniser,
 * so TIS-620 is recognised by how Thai vowels and tone marks sit on consonants.
 */
public final class CharsetDetector {
  private static final Pattern CHARSET_PARAM =
      Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]+)", Pattern.CASE_INSENSITIVE);

  private static final List<Charset> CYRILLIC_SINGLE_BYTE = List.of(
      Charset.forName("windows-1251"), Charset.forName("KOI8-R"), Charset.forName("IBM866"),
      Charset.forName("ISO-8859-5"));
  private static final Set<String> MULTI_BYTE = Set.of("GB18030", "Big5", "Shift_JIS", "EUC-JP",
      "EUC-KR", "ISO-2022-JP", "ISO-2022-KR", "ISO-2022-CN", "UTF-16BE", "UTF-16LE", "UTF-32BE",
      "UTF-32LE");
  private static final Set<String> ICU_CYRILLIC = Set.of("windows-1251", "KOI8-R", "ISO-8859-5");

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset TIS_620 = Charset.forName("x-windows-874");

  // The most frequent Russian letters, ~70% of running text.
  private static final String COMMON_LOWER = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэф";

  /** Labels that browsers (WHATWG Encoding) read with a wider charset than the name says. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("utf8", "UTF-8"), Map.entry("win-1251", "windows-1251"),
      Map.entry("cp-1251", "windows-1251"), Map.entry("gb2312", "GB18030"),
      Map.entry("gbk", "GB18030"), Map.entry("x-gbk", "GB18030"), Map.entry("cp936", "GB18030"),
      Map.entry("euc-cn", "GB18030"), Map.entry("csgb2312", "GB18030"),
      Map.entry("chinese", "GB18030"), Map.entry("iso-ir-58", "GB18030"),
      Map.entry("gb_2312-80", "GB18030"), Map.entry("tis-620", "x-windows-874"),
      Map.entry("windows-874", "x-windows-874"), Map.entry("iso-8859-11", "x-windows-874"));

  private CharsetDetector() {}

  /** The charset a Content-Type header names, when Java knows it. */
  public static Optional<Charset> fromContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    Matcher m = CHARSET_PARAM.matcher(contentType);
    return m.find() ? byName(m.group(1)) : Optional.empty();
  }

  /**
   * A charset by label, tolerant of the aliases seen in the wild ("cp1251", "utf8"); GB2312 and
   * GBK labels give GB18030, their superset, as browsers do.
   */
  public static Optional<Charset> byName(String label) {
    if (label == null || label.isBlank()) {
      return Optional.empty();
    }
    String name = label.trim().toLowerCase(Locale.ROOT);
    name = ALIASES.getOrDefault(name, name);
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  /**
   * The charset to decode with when a document declares {@code declared}: ISO-8859-1 with bytes in 0x80–0x9F is windows-1252, as in browsers — those bytes are C1
   * controls in Latin-1 but curly quotes, dashes and the euro sign in what was really written.
   */
  public static Charset effective(Charset declared, byte[] bytes, int from) {
    if (declared.equals(StandardCharsets.ISO_8859_1)) {
      for (int i = from; i < bytes.length; i++) {
        int b = bytes[i] & 0xFF;
        if (b >= 0x80 && b <= 0x9F) {
          return WINDOWS_1252;
        }
      }
    }
    return declared;
  }

  /** The charset a byte-order mark announces, with the mark's length. */
  public static Optional<Bom> fromBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return Optional.of(new Bom(StandardCharsets.UTF_8, 3));
    }
    if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return Optional.of(new Bom(Charset.forName("UTF-32BE"), 4));
    }
    if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return Optional.of(new Bom(Charset.forName("UTF-32LE"), 4)); // before UTF-16LE: same start
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return Optional.of(new Bom(StandardCharsets.UTF_16BE, 2));
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return Optional.of(new Bom(StandardCharsets.UTF_16LE, 2));
    }
    return Optional.empty();
  }

  /** A byte-order mark: the charset and how many bytes to skip. */
  public record Bom(Charset charset, int length) {}

  /**
   * Best guess for bytes that declare no charset: UTF-8 when they are UTF-8 (ASCII included,
   * a few malformed bytes allowed); a multi-byte charset ICU is sure of; Thai when they read as
   * Thai; else ICU's answer, except
   * that Russian goes to the Cyrillic discrimination (and so does what ICU only takes for
   * Latin text but reads as Russian, IBM866 among it); else windows-1252, what browsers
   * assume for undeclared Western text.
   */
  public static Charset guess(byte[] bytes) {
    if (Utf8Bytes.isValid(bytes) || Utf8Bytes.isMostly(bytes, 0)) {
      return StandardCharsets.UTF_8;
    }
    Russian ru = mostRussian(bytes);
    if (ru.unmistakable()) {
      return ru.charset(); // the common case here, decided without ICU's cost
    }
    if (!hasNonAsciiRun(bytes)) {
      // Only lone non-ASCII bytes (dashes, quotes, an accented letter between ASCII): no
      // script is written like that; they are Western punctuation and letters.
      return WINDOWS_1252;
    }
    byte[] sample = textSample(bytes);
    com.ibm.icu.text.CharsetDetector icu = new com.ibm.icu.text.CharsetDetector();
    icu.setText(sample);
    CharsetMatch top = icu.detect();
    String name = top == null ? "" : top.getName();
    boolean multiByte = top != null && MULTI_BYTE.contains(name);
    // Thai bytes make plausible double-byte CJK to ICU, but only with a middling confidence;
    // real CJK text scores far higher (its common characters are counted).
    if (multiByte && top.getConfidence() >= 50) {
      return byName(name).orElse(WINDOWS_1252);
    }
    if (readsAsThai(sample)) {
      return TIS_620;
    }
    if (multiByte && top.getConfidence() >= 10) {
      return byName(name).orElse(WINDOWS_1252);
    }
    boolean latin = name.startsWith("ISO-8859-1") || name.startsWith("ISO-8859-2")
        || name.startsWith("ISO-8859-9") || name.equals("windows-1252")
        || name.equals("windows-1250") || name.equals("windows-1254");
    boolean russian = ICU_CYRILLIC.contains(name) || top != null && "ru".equals(top.getLanguage());
    // When ICU took the text for Russian any positive score decides; when it said Latin,
    // more than half the non-ASCII bytes must read as common lower-case Russian letters (2
    // points each), which no wrong decoding gives.
    if (ru.charset() != null && (russian || (top == null || latin) && ru.score() > ru.high())) {
      return ru.charset();
    }
    if (top == null) {
      return WINDOWS_1252;
    }
    return switch (name) {
      case "ISO-8859-1" -> effective(StandardCharsets.ISO_8859_1, bytes, 0);
      case "ISO-8859-8-I", "ISO-8859-8" -> Charset.forName("windows-1255"); // its superset
      case "ISO-8859-7" -> hasC1(bytes) ? Charset.forName("windows-1253") : Charset.forName("ISO-8859-7");
      default -> byName(name).orElse(WINDOWS_1252);
    };
  }

  /**
   * What ICU needs to judge: the non-ASCII bytes with the byte on each side (the spaces and
   * punctuation between words), at most 4 KB. ICU's cost grows with its input, and in a feed
   * most bytes are ASCII markup that says nothing about the charset. Thai words, runs of
   * non-ASCII bytes, come through whole, so the Thai check reads the sample too.
   */
  private static byte[] textSample(byte[] bytes) {
    byte[] sample = new byte[Math.min(bytes.length, SAMPLE_BYTES)];
    int n = 0;
    int last = -2;
    for (int i = 0; i < bytes.length && n < sample.length; i++) {
      if (bytes[i] >= 0) {
        continue;
      }
      int from = Math.max(i - 1, last + 1);
      for (int k = from; k <= i && n < sample.length; k++) {
        sample[n++] = bytes[k];
      }
      last = i;
      if (i + 1 < bytes.length && bytes[i + 1] >= 0 && n < sample.length) {
        sample[n++] = bytes[i + 1];
        last = i + 1;
      }
    }
    return java.util.Arrays.copyOf(sample, n);
  }

  private static final int SAMPLE_BYTES = 4096;

  private static boolean hasNonAsciiRun(byte[] bytes) {
    for (int i = 1; i < bytes.length; i++) {
      if (bytes[i] < 0 && bytes[i - 1] < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasC1(byte[] bytes) {
    return effective(StandardCharsets.ISO_8859_1, bytes, 0).equals(WINDOWS_1252);
  }

  /**
   * The Cyrillic single-byte decoding that reads most like Russian (charset null when none
   * scores above zero), with its score, how many of its characters are the four commonest
   * Russian letters, and the count of non-ASCII bytes.
   */
  private record Russian(Charset charset, long score, long vowels, long high) {
    /**
     * Russian beyond doubt: most non-ASCII bytes are common lower-case letters and a quarter of
     * them are о, е, а, и (a third of running Russian). Greek, Hebrew or Thai bytes read as
     * windows-1251 also give many lower-case letters, but not these four: ο, α come out as
     * ξ-, ΰ-like rarities and so on.
     */
    boolean unmistakable() {
      return charset != null && score > high && vowels * 4 >= high;
    }
  }

  private static Russian mostRussian(byte[] bytes) {
    Russian best = new Russian(null, 0, 0, 0);
    for (Charset cs : CYRILLIC_SINGLE_BYTE) {
      long[] scored = russianScore(new String(bytes, cs));
      if (best.high() == 0) {
        best = new Russian(null, 0, 0, scored[2]);
      }
      if (scored[0] > best.score()) {
        best = new Russian(cs, scored[0], scored[1], scored[2]);
      }
    }
    return best;
  }

  /**
   * Common lower-case letters count for a decoding, capitals and rare letters against it: a
   * wrong single-byte decoding of Russian yields mostly capitals, box drawing or Latin-1 symbols.
   * Returns the score and, counted in the same pass, how many characters are о, е, а or и and
   * how many are not ASCII.
   */
  static long[] russianScore(String text) {
    long score = 0;
    long vowels = 0;
    long high = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      high++; // one byte, one character: these charsets are single-byte
      int kind = c >= 0x400 && c < 0x460 ? CYRILLIC_KIND[c - 0x400] : OTHER;
      if (kind == CAPITAL) {
        continue;
      }
      score += kind == OTHER ? -1 : 2;
      if (kind == COMMON_VOWEL) {
        vowels++;
      }
    }
    return new long[] {score, vowels, high};
  }

  private static final byte OTHER = 0;
  private static final byte CAPITAL = 1;
  private static final byte COMMON = 2;
  private static final byte COMMON_VOWEL = 3;

  /** U+0400–U+045F by what they count for: a table, as this runs over whole documents. */
  private static final byte[] CYRILLIC_KIND = cyrillicKinds();

  private static byte[] cyrillicKinds() {
    byte[] kinds = new byte[0x60];
    for (char c = 'А'; c <= 'Я'; c++) {
      kinds[c - 0x400] = CAPITAL;
    }
    kinds['Ё' - 0x400] = CAPITAL;
    kinds['ё' - 0x400] = CAPITAL;
    for (int i = 0; i < COMMON_LOWER.length(); i++) {
      kinds[COMMON_LOWER.charAt(i) - 0x400] = i < 4 ? COMMON_VOWEL : COMMON; // о, е, а, и first
    }
    return kinds;
  }

  /**
   * Thai in TIS-620/windows-874: nearly every non-ASCII byte is a Thai character, and the
   * vowels and tone marks written above or below (U+0E31, U+0E34–0E3A, U+0E47–0E4E) follow a
   * consonant or another mark, the leading vowels (U+0E40–0E44) precede a consonant. Other
   * languages' bytes seen through TIS-620 break these rules at once.
   */
  static boolean readsAsThai(byte[] bytes) {
    String text = new String(bytes, TIS_620);
    int thai = 0;
    int other = 0;
    int misplaced = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x0E01 || c > 0x0E5B) {
        other++;
        continue;
      }
      thai++;
      char prev = i > 0 ? text.charAt(i - 1) : ' ';
      char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      if (isThaiMark(c) && !(isThaiConsonant(prev) || isThaiMark(prev) || prev == 'ำ')) {
        misplaced++;
      } else if (c >= 0x0E40 && c <= 0x0E44 && !isThaiConsonant(next)) {
        misplaced++;
      }
    }
    return thai >= 8 && other * 20 <= thai && misplaced * 20 <= thai;
  }

  private static boolean isThaiConsonant(char c) {
    return c >= 0x0E01 && c <= 0x0E2E;
  }

  private static boolean isThaiMark(char c) {
    return c == 0x0E31 || c >= 0x0E34 && c <= 0x0E3A || c >= 0x0E47 && c <= 0x0E4E;
  }
}
