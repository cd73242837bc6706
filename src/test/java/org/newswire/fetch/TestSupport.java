package org.newswire.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.newswire.config.FetchSettings;

/** Settings, fixtures and compression helpers shared by the fetch tests. */
final class TestSupport {

  static final Instant NOW = Instant.parse("2021-07-03T04:15:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestSupport() {}

  /** Short limits so failures show up in well under a second; loopback allowed (MockWebServer). */
  static FetchSettings settings() {
    return new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
        1024 * 1024, 5, true, 2, 16, FetchSettings.DEFAULT_USER_AGENT,
        FetchSettings.defaults().maxItems());
  }

  static FetchSettings withMaxBytes(FetchSettings s, long maxBytes) {
    return new FetchSettings(s.connectTimeout(), s.readTimeout(), s.callTimeout(), maxBytes,
        s.maxRedirects(), s.allowPrivateNetworks(), s.perHostConcurrency(), s.idleConnections(),
        s.userAgent(), s.maxItems());
  }

  static FetchSettings withTimeouts(FetchSettings s, Duration read, Duration call) {
    return new FetchSettings(s.connectTimeout(), read, call, s.maxBytes(),
        s.maxRedirects(), s.allowPrivateNetworks(), s.perHostConcurrency(), s.idleConnections(),
        s.userAgent(), s.maxItems());
  }

  static FetchSettings withIdleConnections(FetchSettings s, int idle) {
    return new FetchSettings(s.connectTimeout(), s.readTimeout(), s.callTimeout(), s.maxBytes(),
        s.maxRedirects(), s.allowPrivateNetworks(), s.perHostConcurrency(), idle, s.userAgent(),
        s.maxItems());
  }

  static URI uri(MockWebServer server, String path) {
    return server.url(path).uri();
  }

  static byte[] resource(String name) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/fetch/" + name)) {
      if (in == null) throw new IllegalStateException("missing fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Buffer buffer(byte[] bytes) {
    return new Buffer().write(bytes);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(Deflater.BEST_SPEED); // a 100 MB bomb compresses in a fraction of a second
      }
    }) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** @param zlibWrapped RFC 1950 (what HTTP means by deflate) or raw RFC 1951 */
  static byte[] deflate(byte[] data, boolean zlibWrapped) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !zlibWrapped);
    try (DeflaterOutputStream def = new DeflaterOutputStream(out, deflater)) {
      def.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }
}
