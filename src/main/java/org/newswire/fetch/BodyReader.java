package org.newswire.fetch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Inflater;
import okio.Buffer;
import okio.BufferedSource;
import okio.GzipSource;
import okio.InflaterSource;
import okio.Okio;
import okio.Source;

/**
 * Reads a response body, undoing Content-Encoding ourselves (OkHttp's transparent gzip is off
 * because we send Accept-Encoding) so that the size limit counts decompressed bytes: a 100 KB gzip
 * bomb that inflates to gigabytes stops at the limit, as does a body that never ends.
 */
final class BodyReader {

  /** The body was over the limit; nothing of it is kept. */
  static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("body exceeds " + Units.bytes(limit) + " (decompressed)");
    }
  }

  /** A Content-Encoding we never asked for (we send only gzip and deflate). */
  static final class UnsupportedEncodingException extends IOException {
    UnsupportedEncodingException(String encoding) {
      super("unsupported Content-Encoding '" + encoding + "'");
    }
  }

  private static final int CHUNK = 8192;

  private BodyReader() {}

  /**
   * @param contentEncodings the Content-Encoding header values, in the order they were applied
   * @param declaredLength Content-Length of the encoded body, or -1
   */
  static byte[] read(Source body, List<String> contentEncodings, long declaredLength, long maxBytes)
      throws IOException {
    List<String> codings = codings(contentEncodings);
    if (codings.isEmpty() && declaredLength > maxBytes) {
      body.close();
      throw new TooLargeException(maxBytes);
    }
    Source source = body;
    // RFC 9110 §8.4: codings are listed in the order applied, so they are undone last to first.
    for (int i = codings.size() - 1; i >= 0; i--) {
      source = decoder(codings.get(i), source);
    }
    Buffer out = new Buffer();
    try (BufferedSource in = Okio.buffer(source)) {
      while (in.read(out, CHUNK) != -1) {
        if (out.size() > maxBytes) throw new TooLargeException(maxBytes);
      }
    }
    return out.readByteArray();
  }

  private static List<String> codings(List<String> headerValues) {
    List<String> codings = new ArrayList<>();
    for (String value : headerValues) {
      for (String coding : value.split(",")) {
        String c = coding.trim().toLowerCase(Locale.ROOT);
        if (!c.isEmpty() && !c.equals("identity")) codings.add(c);
      }
    }
    return codings;
  }

  private static Source decoder(String coding, Source source) throws IOException {
    switch (coding) {
      case "gzip", "x-gzip":
        return new GzipSource(source);
      case "deflate":
        // HTTP's "deflate" is zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw
        // deflate (RFC 1951); the zlib header tells the two apart.
        BufferedSource buffered = Okio.buffer(source);
        boolean zlib = buffered.request(2) && isZlibHeader(buffered.getBuffer().getByte(0),
            buffered.getBuffer().getByte(1));
        return new InflaterSource(buffered, new Inflater(!zlib));
      default:
        source.close();
        throw new UnsupportedEncodingException(coding);
    }
  }

  /** RFC 1950 §2.2: compression method 8, and CMF*256 + FLG a multiple of 31. */
  private static boolean isZlibHeader(byte cmf, byte flg) {
    return (cmf & 0x0f) == 8 && ((cmf & 0xff) * 256 + (flg & 0xff)) % 31 == 0;
  }
}
