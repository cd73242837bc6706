package org.newswire.publish;

import java.io.Writer;

/**
 * A {@link Writer} that encodes UTF-8 straight into {@link Bytes}, unsynchronized. The JDK's
 * StAX writer, given an {@code OutputStream}, encodes itself and hands the stream one byte per
 * call; given a {@code Writer} it hands over its buffer of chars, which this encodes in one
 * loop. The bytes are the same for well-formed text; a lone surrogate (which Text.xml drops
 * from every value it cleans) becomes '?', as {@code String.getBytes} does.
 */
final class Utf8Writer extends Writer {
  private final Bytes out;
  /** A high surrogate that ended the previous chunk, waiting for its pair; 0 when none. */
  private char pending;

  Utf8Writer(Bytes out) {
    this.out = out;
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, cbuf.length);
    byte[] buf = out.reserve(len * 3 + 4);
    int n = out.size();
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = cbuf[i];
      if (c < 0x80 && pending == 0) {
        buf[n++] = (byte) c;
      } else {
        n = encode(buf, n, c);
      }
    }
    out.commit(n);
  }

  @Override
  public void write(String s, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, s.length());
    byte[] buf = out.reserve(len * 3 + 4);
    int n = out.size();
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && pending == 0) {
        buf[n++] = (byte) c;
      } else {
        n = encode(buf, n, c);
      }
    }
    out.commit(n);
  }

  @Override
  public void write(int c) {
    write(new char[] {(char) c}, 0, 1);
  }

  private int encode(byte[] buf, int n, char c) {
    if (pending != 0) {
      char high = pending;
      pending = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        buf[n++] = (byte) (0xF0 | (cp >> 18));
        buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[n++] = (byte) (0x80 | (cp & 0x3F));
        return n;
      }
      buf[n++] = '?';
    }
    if (c < 0x80) {
      buf[n++] = (byte) c;
    } else if (c < 0x800) {
      buf[n++] = (byte) (0xC0 | (c >> 6));
      buf[n++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      pending = c;
    } else if (Character.isLowSurrogate(c)) {
      buf[n++] = '?';
    } else {
      buf[n++] = (byte) (0xE0 | (c >> 12));
      buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[n++] = (byte) (0x80 | (c & 0x3F));
    }
    return n;
  }

  @Override
  public void flush() {}

  /** Ends the text: a high surrogate still waiting for its pair becomes '?'. */
  @Override
  public void close() {
    if (pending != 0) {
      pending = 0;
      byte[] buf = out.reserve(1);
      buf[out.size()] = '?';
      out.commit(out.size() + 1);
    }
  }
}
