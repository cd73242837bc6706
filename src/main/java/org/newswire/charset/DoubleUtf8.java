package org.newswire.charset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Text decoded right but encoded to UTF-8 twice on its way, spelled as written again. */
public final class DoubleUtf8 {
  private DoubleUtf8() {}

  /**
   * Text that was encoded to UTF-8 twice ("â€¦" for "…", "Ð¿Ñ€Ð¸" for "при") back as written.
   * Repaired only when the whole text round-trips: every character is one windows-1252 (or
   * Latin-1) byte and those bytes are well-formed UTF-8 with at least one multi-byte sequence.
   * Anything else — real Latin-1 text, one stray "Ã" among other scripts — is left alone.
   */
  public static String repair(String text) {
    int i = 0;
    int n = text.length();
    boolean candidate = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c >= 0xC2 && c <= 0xF4) {
        candidate = true; // a possible lead byte; keep checking every character fits one byte
      } else if (spellsNoByte(c)) {
        return text; // a character no single byte spells: this text was not double-encoded
      }
    }
    if (!candidate) {
      return text;
    }
    byte[] bytes = new byte[n];
    for (i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c <= 0xFF) {
        bytes[i] = (byte) c; // Latin-1 and the C1 controls that windows-1252 leaves undefined
      } else {
        bytes[i] = (byte) WINDOWS_1252_SPECIALS.indexOf(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return text;
    }
  }

  /**
   * Whether {@link #repair} leaves {@code text}, and any text containing it, as it is: it holds
   * a character no windows-1252 or Latin-1 byte spells (Cyrillic, say), so it cannot have
   * been encoded twice.
   */
  public static boolean neverRepaired(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (spellsNoByte(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean spellsNoByte(char c) {
    return byteOf(c) < 0;
  }

  /** The windows-1252 (or Latin-1) byte that spells {@code c} for {@link #repair}, or -1. */
  private static int byteOf(char c) {
    return c <= 0xFF ? c : WINDOWS_1252_SPECIALS.indexOf(c);
  }

  /** What some bytes of a text tell of whether {@link #repair} could change the whole text. */
  public enum Evidence {
    /** A character in them makes the whole text one that is never repaired. */
    NEVER_REPAIRED,
    /** They are ASCII: the rest of the text decides, as if they were not there. */
    ASCII,
    /** Neither. */
    NONE
  }

  private static final byte UNSURE = 0;
  private static final byte SURE = 1;
  private static final byte SURE_AFTER_ASCII = 2;
  private static final Map<Charset, byte[]> SAYS = new ConcurrentHashMap<>();

  /**
   * What {@code bytes[from, to)} of a text in {@code cs} tell ({@link Evidence}). {@code cs}
   * must spell ASCII as single ASCII bytes (UTF-8, windows-1251…), and the range must start
   * with an ASCII byte and hold whole characters (an XML element, say). A character no single
   * windows-1252 byte spells (Cyrillic) settles it, and so does one that such a byte spells as a
   * UTF-8 continuation byte right after an ASCII character (a curly quote after a letter): the
   * text spelled back would be no UTF-8.
   */
  public static Evidence evidence(byte[] bytes, int from, int to, Charset cs) {
    byte[] says = SAYS.computeIfAbsent(cs, DoubleUtf8::verdicts);
    boolean ascii = true;
    for (int k = from; k < to; k++) {
      if (bytes[k] < 0) {
        byte said = says[bytes[k] & 0xFF];
        if (said == SURE || said == SURE_AFTER_ASCII && k > from && bytes[k - 1] >= 0) {
          return Evidence.NEVER_REPAIRED;
        }
        ascii = false;
      }
    }
    return ascii ? Evidence.ASCII : Evidence.NONE;
  }

  /** Per byte value, what the characters it can start in {@code cs} say, worked out from each. */
  private static byte[] verdicts(Charset cs) {
    byte[] table = new byte[256];
    boolean utf8 = cs.equals(StandardCharsets.UTF_8);
    for (int b = 0x80; b < 256; b++) {
      List<byte[]> starts = utf8 ? utf8Sequences(b) : List.of(new byte[] {(byte) b});
      boolean none = !starts.isEmpty();
      boolean noneOrContinuation = !starts.isEmpty();
      for (byte[] seq : starts) {
        int single = byteOf(new String(seq, cs).charAt(0));
        none &= single < 0;
        noneOrContinuation &= single < 0 || single >= 0x80 && single <= 0xBF;
      }
      table[b] = none ? SURE : noneOrContinuation ? SURE_AFTER_ASCII : UNSURE;
    }
    return table;
  }

  /** Every well-formed UTF-8 sequence that starts with {@code lead}; none for another byte. */
  private static List<byte[]> utf8Sequences(int lead) {
    int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
        : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    List<byte[]> out = new ArrayList<>();
    if (length == 4) {
      // Beyond U+FFFF: a surrogate pair, which no single byte spells.
      out.add(new String(Character.toChars(0x10000)).getBytes(StandardCharsets.UTF_8));
      return out;
    }
    for (int second = 0x80; length >= 2 && second <= 0xBF; second++) {
      for (int third = 0x80; third <= (length == 3 ? 0xBF : 0x80); third++) {
        byte[] seq = length == 2 ? new byte[] {(byte) lead, (byte) second}
            : new byte[] {(byte) lead, (byte) second, (byte) third};
        String text = new String(seq, StandardCharsets.UTF_8);
        if (text.length() == 1 && text.charAt(0) != '\uFFFD') {
          out.add(seq);
        }
      }
    }
    return out;
  }

  /** windows-1252's characters at 0x80–0x9F, by byte value (others map to themselves). */
  private static final SpecialTable WINDOWS_1252_SPECIALS = new SpecialTable();

  private static final class SpecialTable {
    private final char[] byByte = new char[256];

    SpecialTable() {
      byte[] one = new byte[1];
      for (int b = 0x80; b <= 0x9F; b++) {
        one[0] = (byte) b;
        String s = new String(one, Charset.forName("windows-1252"));
        char c = s.charAt(0);
        byByte[b] = c == '\uFFFD' ? (char) b : c;
      }
    }

    boolean contains(char c) {
      return indexOf(c) >= 0;
    }

    int indexOf(char c) {
      for (int b = 0x80; b <= 0x9F; b++) {
        if (byByte[b] == c) {
          return b;
        }
      }
      return -1;
    }
  }
}
