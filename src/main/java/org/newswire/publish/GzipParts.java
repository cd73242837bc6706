package org.newswire.publish;

import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) put together from parts deflated one by one, so that a part
 * compressed once (a rendered entry) is sent again without compressing it again.
 *
 * <p>Each part is a raw deflate stream (RFC 1951) cut with a sync flush: it ends on a byte
 * boundary without the final-block bit, and refers to nothing before it, so parts may follow
 * each other in any order. {@link #join} closes the member with an empty final block and the
 * trailer: the CRC-32 of all parts, combined from theirs without reading the data again
 * (each part carries x^(8·length) mod the CRC polynomial, the factor that shifts a CRC past
 * it), and the total length.
 */
final class GzipParts {
  /**
   * A part: its deflated bytes, the CRC-32 and length of what they hold, and the factor that
   * moves an earlier CRC past it.
   */
  record Part(byte[] deflated, int crc, int length, int shift) {}

  /** A gzip header without name, time or flags (RFC 1952 §2.3; OS 0). */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};
  /** An empty block with the final bit set (fixed Huffman codes, end-of-block only). */
  private static final byte[] LAST_BLOCK = {0x03, 0x00};
  /** CRC-32's polynomial, bit-reversed as zlib and java.util.zip use it. */
  private static final int POLY = 0xedb88320;
  /** x^(2^k) modulo the polynomial, for k = 0..31. */
  private static final int[] X2N = new int[32];

  static {
    int p = 1 << 30; // x^1
    X2N[0] = p;
    for (int n = 1; n < 32; n++) {
      X2N[n] = p = multiply(p, p);
    }
  }

  /**
   * A deflater per thread and level, reset between parts: setting up zlib's state (a few
   * hundred KB) costs more than deflating a typical entry. The few render threads each keep
   * theirs for as long as they live.
   */
  private static final ThreadLocal<Deflater[]> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater[Deflater.BEST_COMPRESSION + 1]);

  private GzipParts() {}

  /** Deflates {@code plain} into a part at {@code level} (0-9). */
  static Part deflate(byte[] plain, int level) {
    java.util.Objects.checkIndex(level, Deflater.BEST_COMPRESSION + 1);
    Deflater[] mine = DEFLATERS.get();
    if (mine[level] == null) {
      mine[level] = new Deflater(level, true);
    }
    Deflater d = mine[level];
    try {
      d.setInput(plain);
      Bytes out = new Bytes(plain.length / 3 + 64);
      byte[] buf = new byte[Math.max(512, plain.length / 2 + 64)];
      int n;
      // A sync flush returns a full buffer while output remains.
      do {
        n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        out.write(buf, 0, n);
      } while (n == buf.length);
      CRC32 crc = new CRC32();
      crc.update(plain);
      return new Part(out.toByteArray(), (int) crc.getValue(), plain.length,
          shift(plain.length));
    } finally {
      d.reset();
    }
  }

  /** The gzip member holding the parts' contents in order. */
  static byte[] join(List<Part> parts) {
    int size = HEADER.length + LAST_BLOCK.length + 8;
    for (Part p : parts) {
      size += p.deflated().length;
    }
    byte[] out = new byte[size];
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    int at = HEADER.length;
    int crc = 0;
    long length = 0;
    for (Part p : parts) {
      System.arraycopy(p.deflated(), 0, out, at, p.deflated().length);
      at += p.deflated().length;
      crc = multiply(p.shift(), crc) ^ p.crc();
      length += p.length();
    }
    System.arraycopy(LAST_BLOCK, 0, out, at, LAST_BLOCK.length);
    at += LAST_BLOCK.length;
    putIntLe(out, at, crc);
    putIntLe(out, at + 4, (int) length); // ISIZE: the length modulo 2^32
    return out;
  }

  /** x^(8·length) modulo the polynomial: what an earlier CRC is multiplied by to pass it. */
  static int shift(long length) {
    int p = 1 << 31; // x^0
    int k = 3; // 2^3 bits a byte
    for (long n = length; n != 0; n >>>= 1, k++) {
      if ((n & 1) != 0) {
        p = multiply(X2N[k & 31], p);
      }
    }
    return p;
  }

  /** a·b modulo the polynomial (bit-reversed: bit 31 is x^0). */
  private static int multiply(int a, int b) {
    if (a == 0) {
      return 0;
    }
    int m = 1 << 31;
    int p = 0;
    while (true) {
      if ((a & m) != 0) {
        p ^= b;
        if ((a & (m - 1)) == 0) {
          return p;
        }
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
    }
  }

  private static void putIntLe(byte[] out, int at, int v) {
    out[at] = (byte) v;
    out[at + 1] = (byte) (v >>> 8);
    out[at + 2] = (byte) (v >>> 16);
    out[at + 3] = (byte) (v >>> 24);
  }
}
