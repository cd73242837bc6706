package org.newswire.publish;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array, unsynchronized. The JDK's StAX writer hands its UTF-8 output to the
 * stream one byte at a time; {@link java.io.ByteArrayOutputStream#write(int)} takes a lock per
 * byte, which cost more than the rest of rendering a 200 KB feed page (JFR, search bench).
 */
final class Bytes extends OutputStream {
  private byte[] buf;
  private int count;

  Bytes(int capacity) {
    buf = new byte[capacity];
  }

  @Override
  public void write(int b) {
    if (count == buf.length) {
      grow(count + 1);
    }
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (count + len > buf.length) {
      grow(count + len);
    }
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  private void grow(int min) {
    buf = Arrays.copyOf(buf, Math.max(min, buf.length * 2));
  }

  /** The array with room for {@code more} bytes after {@link #size()}; then {@link #commit}. */
  byte[] reserve(int more) {
    if (count + more > buf.length) {
      grow(count + more);
    }
    return buf;
  }

  /** Sets the size after writing into the array {@link #reserve} returned. */
  void commit(int newSize) {
    count = newSize;
  }

  int size() {
    return count;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }
}
