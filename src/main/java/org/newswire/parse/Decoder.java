package org.newswire.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswire.charset.CharsetDetector;
import org.newswire.charset.DoubleUtf8;
import org.newswire.charset.Utf8Bytes;

/**
 * Bytes to text, trusting the evidence in the order HTTP charset, byte-order mark, XML prolog,
 * detection. A Content-Type without a charset says nothing: RFC 3023's "text/xml means
 * US-ASCII" rule would mangle every UTF-8 feed served that way, so it is not applied.
 */
final class Decoder {
  private static final Pattern PROLOG_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  private Decoder() {}

  /** @param mended text encoded to UTF-8 twice was spelled as written ({@link DoubleUtf8}) */
  record Decoded(String text, Charset charset, boolean mended) {
    Decoded(String text, Charset charset) {
      this(text, charset, false);
    }

    /**
     * Whether the text is the bytes read in {@code declared} and nothing else: no byte
     * unreadable in it (U+FFFD), no other charset guessed, nothing mended.
     */
    boolean exactly(Charset declared) {
      return charset.equals(declared) && !mended && text.indexOf('\uFFFD') < 0;
    }
  }

  static Decoded decode(byte[] body, Optional<String> contentType) {
    Decoded d = chooseAndDecode(body, contentType);
    String repaired = DoubleUtf8.repair(d.text());
    return repaired == d.text() ? d : new Decoded(repaired, d.charset(), true);
  }

  private static final Map<Charset, Boolean> BYTEWISE = new ConcurrentHashMap<>();

  /**
   * The charset the document declares (HTTP, then byte-order mark, then XML prolog, as {@link
   * #decode} trusts them), when it is one whose markup can be read in the bytes: UTF-8 or a
   * single-byte charset that spells ASCII as ASCII (windows-1251, KOI8-R…). There every byte
   * below 0x80 is that ASCII character and never part of another, so a tag found in the bytes
   * is a tag of the text, and the bytes of an element decode to the same text wherever they
   * stand. Empty when the charset is left to detection, or is one of those whose decoding
   * looks at the whole document (ISO-8859-1, which {@link CharsetDetector#effective} may read
   * as windows-1252).
   */
  static Optional<Charset> bytewise(byte[] body, Optional<String> contentType) {
    Optional<Charset> http = contentType.flatMap(CharsetDetector::fromContentType);
    Optional<CharsetDetector.Bom> bom = CharsetDetector.fromBom(body);
    Optional<Charset> declared;
    if (http.isPresent()) {
      declared = bom.isEmpty() || bom.get().charset().equals(http.get()) ? http
          : Optional.empty();
    } else if (bom.isPresent()) {
      declared = Optional.of(bom.get().charset());
    } else if (wideWithoutBom(body) != null) {
      declared = Optional.empty();
    } else {
      declared = prologEncoding(body);
    }
    return declared.filter(cs -> BYTEWISE.computeIfAbsent(cs, Decoder::spellsAsciiAsBytes));
  }

  private static boolean spellsAsciiAsBytes(Charset cs) {
    if (cs.equals(StandardCharsets.UTF_8)) {
      return true;
    }
    if (cs.equals(StandardCharsets.ISO_8859_1) || cs.equals(StandardCharsets.US_ASCII)
        || !cs.canEncode() || cs.newEncoder().maxBytesPerChar() != 1.0f) {
      return false; // ISO-8859-1 and US-ASCII are decoded by what the whole body holds
    }
    byte[] ascii = new byte[128];
    for (int b = 0; b < ascii.length; b++) {
      ascii[b] = (byte) b;
    }
    return new String(ascii, cs).equals(new String(ascii, StandardCharsets.ISO_8859_1));
  }

  private static Decoded chooseAndDecode(byte[] body, Optional<String> contentType) {
    Optional<Charset> http = contentType.flatMap(CharsetDetector::fromContentType);
    if (http.isPresent()) {
      int skip = CharsetDetector.fromBom(body)
          .filter(b -> b.charset().equals(http.get())).map(CharsetDetector.Bom::length).orElse(0);
      return decodeAs(body, skip, CharsetDetector.effective(http.get(), body, skip));
    }
    Optional<CharsetDetector.Bom> bom = CharsetDetector.fromBom(body);
    if (bom.isPresent()) {
      return decodeAs(body, bom.get().length(), bom.get().charset());
    }
    Charset wide = wideWithoutBom(body);
    if (wide != null) {
      return decodeAs(body, 0, wide);
    }
    Optional<Charset> declared = prologEncoding(body);
    if (declared.isPresent()) {
      return decodeAs(body, 0, CharsetDetector.effective(declared.get(), body, 0));
    }
    return decodeAs(body, 0, CharsetDetector.guess(body));
  }

  /** The prolog's encoding pseudo-attribute, read as ASCII (every candidate agrees there). */
  static Optional<Charset> prologEncoding(byte[] body) {
    int n = Math.min(body.length, 256);
    String head = new String(body, 0, n, StandardCharsets.ISO_8859_1);
    Matcher m = PROLOG_ENCODING.matcher(head);
    return m.find() ? CharsetDetector.byName(m.group(1)) : Optional.empty();
  }

  /** UTF-16/32 without a BOM, recognised by the zero bytes around "<" (XML 1.0 Appendix F). */
  private static Charset wideWithoutBom(byte[] b) {
    if (b.length < 4) {
      return null;
    }
    if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<') {
      return UTF_32BE;
    }
    if (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      return UTF_32LE;
    }
    if (b[0] == 0 && b[1] == '<') {
      return StandardCharsets.UTF_16BE;
    }
    if (b[0] == '<' && b[1] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /**
   * Decodes with the charset chosen. A document that claims UTF-8 and is UTF-8 but for a few
   * malformed bytes keeps UTF-8, the bad bytes becoming U+FFFD; one that claims UTF-8 with
   * hardly a well-formed sequence is very often windows-1251 mislabelled by a CMS, so there
   * detection gets a say.
   */
  private static Decoded decodeAs(byte[] body, int skip, Charset cs) {
    if (cs.equals(StandardCharsets.UTF_8) || cs.name().equalsIgnoreCase("US-ASCII")) {
      // The JDK's String decoder is several times faster than a CharsetDecoder; it only hides
      // malformed input behind U+FFFD, so a text without any U+FFFD was valid UTF-8.
      String fast = new String(body, skip, body.length - skip, StandardCharsets.UTF_8);
      if (fast.indexOf('\uFFFD') < 0) {
        return new Decoded(fast, StandardCharsets.UTF_8);
      }
      try {
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
        return new Decoded(text, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        if (Utf8Bytes.isMostly(body, skip)) {
          return new Decoded(fast, StandardCharsets.UTF_8);
        }
        Charset guess = CharsetDetector.guess(body);
        if (!guess.equals(StandardCharsets.UTF_8) && !guess.name().equals("windows-1252")) {
          return new Decoded(new String(body, skip, body.length - skip, guess), guess);
        }
        if (cs.name().equalsIgnoreCase("US-ASCII")) {
          return new Decoded(new String(body, skip, body.length - skip, guess), guess);
        }
      }
    }
    return new Decoded(new String(body, skip, body.length - skip, cs), cs);
  }
}
