package org.newswire.charset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charset evidence shared by feeds and article pages: the HTTP header, a byte-order mark, and
 * detection for bytes that declare nothing. Russian-language sites still serve windows-1251,
 * KOI8-R, IBM866 and ISO-8859-5, often undeclared; detection tells them apart by how much of
 * the decoded text is ordinary lower-case Cyrillic, which only the right charset yields.
 */
public final class CharsetDetector {
  private static final Pattern CHARSET_PARAM =
      Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]+)", Pattern.CASE_INSENSITIVE);

  private static final List<Charset> CYRILLIC_SINGLE_BYTE = List.of(
      Charset.forName("windows-1251"), Charset.forName("KOI8-R"), Charset.forName("IBM866"),
      Charset.forName("ISO-8859-5"));

  // The most frequent Russian letters, ~70% of running text.
  private static final String COMMON_LOWER = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэф";

  private CharsetDetector() {}

  /** The charset a Content-Type header names, when Java knows it. */
  public static Optional<Charset> fromContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    Matcher m = CHARSET_PARAM.matcher(contentType);
    return m.find() ? byName(m.group(1)) : Optional.empty();
  }

  /** A charset by label, tolerant of the aliases seen in the wild ("cp1251", "utf8"). */
  public static Optional<Charset> byName(String label) {
    if (label == null || label.isBlank()) {
      return Optional.empty();
    }
    String name = label.trim().toLowerCase(Locale.ROOT);
    if (name.equals("utf8")) {
      name = "utf-8";
    } else if (name.equals("win-1251") || name.equals("cp-1251")) {
      name = "windows-1251";
    }
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  /** The charset a byte-order mark announces, with the mark's length. */
  public static Optional<Bom> fromBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return Optional.of(new Bom(StandardCharsets.UTF_8, 3));
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

  /** True when the bytes decode as UTF-8 without a single malformed sequence. */
  public static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Best guess for bytes that declare no charset: UTF-8 when they are valid UTF-8 (ASCII
   * included), else the Cyrillic single-byte charset whose decoding reads most like Russian,
   * else windows-1252 (what browsers assume for undeclared Western text).
   */
  public static Charset guess(byte[] bytes) {
    if (isValidUtf8(bytes)) {
      return StandardCharsets.UTF_8;
    }
    Charset best = null;
    long bestScore = 0;
    for (Charset cs : CYRILLIC_SINGLE_BYTE) {
      long score = russianScore(new String(bytes, cs));
      if (score > bestScore) {
        bestScore = score;
        best = cs;
      }
    }
    return best != null ? best : Charset.forName("windows-1252");
  }

  /**
   * Common lower-case letters count for a decoding, capitals and rare letters against it: a
   * wrong single-byte decoding of Russian yields mostly capitals, box drawing or Latin-1 symbols.
   */
  static long russianScore(String text) {
    long score = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (COMMON_LOWER.indexOf(c) >= 0) {
        score += 2;
      } else if (c >= 'А' && c <= 'Я' || c == 'Ё' || c == 'ё') {
        score += 0;
      } else {
        score -= 1;
      }
    }
    return score;
  }
}
