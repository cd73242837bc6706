package org.newswire.charset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Whether bytes are UTF-8: strictly, or apart from a few malformed bytes. */
public final class Utf8Bytes {
  private Utf8Bytes() {}

  /** True when the bytes decode as UTF-8 without a single malformed sequence. */
  public static boolean isValid(byte[] bytes) {
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
   * True when the bytes are UTF-8 apart from a few malformed bytes: well-formed multi-byte
   * sequences outnumber the malformed bytes many times over. Text in a single-byte charset
   * mislabelled as UTF-8 has almost no well-formed sequences, so it never passes.
   */
  public static boolean isMostly(byte[] b, int from) {
    long valid = 0;
    long malformed = 0;
    int i = from;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len = sequenceLength(b, i, c);
      if (len > 0) {
        valid++;
        i += len;
      } else {
        malformed++;
        i++;
        if (valid + (b.length - i) / 2 < 8 * malformed) {
          return false; // even all the rest well-formed could not make up for these
        }
      }
    }
    return valid >= Math.max(2, 8 * malformed);
  }

  /** Length of the well-formed UTF-8 sequence led by {@code c} at {@code i}, or 0. */
  private static int sequenceLength(byte[] b, int i, int c) {
    int len;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong forms
      hi = c == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      lo = c == 0xF0 ? 0x90 : 0x80;
      hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
    } else {
      return 0;
    }
    if (i + len > b.length) {
      return 0;
    }
    int second = b[i + 1] & 0xFF;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < len; k++) {
      int cont = b[i + k] & 0xFF;
      if (cont < 0x80 || cont > 0xBF) {
        return 0;
      }
    }
    return len;
  }
}
