package org.newswire.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Parts deflated on their own and joined make one gzip member any reader inflates. */
class GzipPartsTest {
  private static byte[] gunzip(byte[] gz) throws IOException {
    // GZIPInputStream checks the trailer: a wrong CRC-32 or length is an exception.
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void joinedPartsInflateToTheirContentsInOrderWithTheRightCrcAndLength() throws IOException {
    SplittableRandom r = new SplittableRandom(7);
    String words = "Бишкек, 3 июля /Кабар/. Парламент утвердил бюджет <p>&amp; ";
    for (int round = 0; round < 50; round++) {
      List<byte[]> plain = new ArrayList<>();
      int n = r.nextInt(0, 8);
      for (int i = 0; i < n; i++) {
        int len = r.nextInt(0, 3) == 0 ? r.nextInt(0, 3) : r.nextInt(0, 40_000);
        byte[] b;
        if (r.nextBoolean()) {
          b = new byte[len];
          r.nextBytes(b); // incompressible: stored blocks
        } else {
          StringBuilder sb = new StringBuilder();
          while (sb.length() < len) {
            sb.append(words, r.nextInt(words.length()), words.length());
          }
          b = sb.toString().getBytes(round % 2 == 0 ? StandardCharsets.UTF_8
              : Charset.forName("windows-1251"));
        }
        plain.add(b);
      }
      List<GzipParts.Part> parts = new ArrayList<>();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (byte[] b : plain) {
        parts.add(GzipParts.deflate(b, r.nextInt(1, 10)));
        all.write(b);
      }
      assertThat(gunzip(GzipParts.join(parts))).as("round %d", round)
          .isEqualTo(all.toByteArray());
    }
  }

  @Test
  void aPartIsTheSameBytesWhereverItIsJoined() throws IOException {
    GzipParts.Part a = GzipParts.deflate("<entry>а</entry>".getBytes(StandardCharsets.UTF_8), 1);
    GzipParts.Part b = GzipParts.deflate("<entry>б</entry>".getBytes(StandardCharsets.UTF_8), 1);
    assertThat(new String(gunzip(GzipParts.join(List.of(b, a, b))), StandardCharsets.UTF_8))
        .isEqualTo("<entry>б</entry><entry>а</entry><entry>б</entry>");
    assertThat(gunzip(GzipParts.join(List.of()))).isEmpty();
  }

  @Test
  void theTrailersCrcIsTheCrcOfAllTheParts() {
    // Passing an earlier CRC over n bytes, by the shift alone, must agree with computing it.
    java.util.zip.CRC32 whole = new java.util.zip.CRC32();
    byte[] first = "Кабар".getBytes(StandardCharsets.UTF_8);
    byte[] second = new byte[100_003];
    new SplittableRandom(3).nextBytes(second);
    whole.update(first);
    whole.update(second);
    GzipParts.Part p1 = GzipParts.deflate(first, 1);
    GzipParts.Part p2 = GzipParts.deflate(second, 1);
    byte[] gz = GzipParts.join(List.of(p1, p2));
    int crc = (gz[gz.length - 8] & 0xff) | (gz[gz.length - 7] & 0xff) << 8
        | (gz[gz.length - 6] & 0xff) << 16 | (gz[gz.length - 5] & 0xff) << 24;
    assertThat(crc).isEqualTo((int) whole.getValue());
  }
}
