package org.newswire.charset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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

  /**
   * The windows-1252 (or Latin-1) byte that spells {@code c} as {@link #repair} reads text
   * back, or -1 for none: text holding such a character is never repaired, nor is text in
   * which a byte of 0x80 to 0xBF (a UTF-8 continuation byte) follows an ASCII character.
   */
  public static int byteOf(char c) {
    return c <= 0xFF ? c : WINDOWS_1252_SPECIALS.indexOf(c);
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
