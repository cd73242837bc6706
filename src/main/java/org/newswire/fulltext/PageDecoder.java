package org.newswire.fulltext;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswire.charset.CharsetDetector;

/**
 * Bytes of an HTML page to text. Evidence in the order browsers weigh it (WHATWG HTML §13.2.3):
 * byte-order mark, HTTP header, {@code <meta charset>} / {@code <meta http-equiv>} in the first
 * KB, then detection. A declaration is overruled when the bytes are valid UTF-8 with non-ASCII
 * text in them (Java's intrinsic decoder marks malformed input with U+FFFD, which real pages
 * practically never contain literally): a single-byte charset almost never yields valid
 * multi-byte UTF-8 by chance,
 * whereas servers and templates that say "windows-1251" over UTF-8 bytes are common.
 */
final class PageDecoder {
  private static final int PRESCAN = 4096;
  private static final Pattern CHARSET_VALUE =
      Pattern.compile("\\s*=\\s*[\"']?\\s*([a-z0-9._:+-]+)");

  private PageDecoder() {}

  /** The decoded page and the charset used. */
  record Decoded(String text, Charset charset) {}

  static Decoded decode(byte[] bytes, Optional<String> contentType) {
    Optional<CharsetDetector.Bom> bom = CharsetDetector.fromBom(bytes);
    if (bom.isPresent()) {
      int skip = bom.get().length();
      return new Decoded(
          new String(bytes, skip, bytes.length - skip, bom.get().charset()), bom.get().charset());
    }
    Optional<Charset> declared = contentType.flatMap(CharsetDetector::fromContentType)
        .or(() -> metaCharset(bytes))
        .map(PageDecoder::webAlias);
    if (declared.isEmpty()) {
      Charset cs = CharsetDetector.guess(bytes);
      return new Decoded(new String(bytes, cs), cs);
    }
    Charset cs = declared.get();
    if (cs.equals(StandardCharsets.UTF_8) || hasNonAscii(bytes)) {
      // Decode as UTF-8 once: it is the answer for valid bytes whatever the declaration says.
      String utf8 = new String(bytes, StandardCharsets.UTF_8);
      if (utf8.indexOf('\uFFFD') < 0) {
        return new Decoded(utf8, StandardCharsets.UTF_8);
      }
      if (cs.equals(StandardCharsets.UTF_8)) {
        // Mostly-valid UTF-8 with a stray bad byte stays UTF-8; text that is not UTF-8 at all
        // (a windows-1251 page behind a UTF-8 template header) is detected instead.
        if (utf8Share(bytes) >= 0.5) {
          return new Decoded(utf8, cs);
        }
        cs = CharsetDetector.guess(bytes);
      }
    }
    return new Decoded(new String(bytes, cs), cs);
  }

  /** The charset a {@code <meta>} in the page's head declares. */
  static Optional<Charset> metaCharset(byte[] bytes) {
    // A plain scan instead of a case-insensitive regex over the head: this runs for every page.
    String head = new String(bytes, 0, Math.min(bytes.length, PRESCAN), StandardCharsets.ISO_8859_1)
        .toLowerCase(Locale.ROOT);
    for (int i = head.indexOf("charset"); i >= 0; i = head.indexOf("charset", i + 7)) {
      int tag = head.lastIndexOf('<', i);
      if (tag < 0 || !head.startsWith("<meta", tag) || head.indexOf('>', tag) < i) {
        continue;
      }
      Matcher m = CHARSET_VALUE.matcher(head).region(i + 7, Math.min(head.length(), i + 80));
      if (m.lookingAt()) {
        Optional<Charset> cs = CharsetDetector.byName(m.group(1));
        if (cs.isPresent()) {
          return cs;
        }
      }
    }
    return Optional.empty();
  }

  /** WHATWG encoding labels: Latin-1 and ASCII mean windows-1252 on the web. */
  private static Charset webAlias(Charset cs) {
    String name = cs.name().toLowerCase(Locale.ROOT);
    if (name.equals("iso-8859-1") || name.equals("us-ascii")) {
      return Charset.forName("windows-1252");
    }
    return cs;
  }

  private static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  /** Share of non-ASCII bytes that belong to well-formed UTF-8 sequences. */
  static double utf8Share(byte[] b) {
    int good = 0;
    int bad = 0;
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
      if (c >= 0xF5) {
        len = 0;
      }
      boolean ok = len > 0 && i + len <= b.length;
      for (int k = 1; ok && k < len; k++) {
        ok = (b[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        good += len;
        i += len;
      } else {
        bad++;
        i++;
      }
    }
    return good + bad == 0 ? 1.0 : (double) good / (good + bad);
  }
}
