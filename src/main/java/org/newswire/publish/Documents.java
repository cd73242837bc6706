package org.newswire.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLStreamException;
import org.newswire.model.Source;

/** Renders a view in its format and packs the bytes, their gzip and their ETag. */
final class Documents {
  /**
   * zlib's fastest level. On a 50-entry search page (208 KB of Atom) it deflated 3-4 times
   * faster than the default level 6 (2.4 vs 7-9 ms on the loaded 2-core bench machine) for 37
   * KB instead of 27 KB. At level 6, deflating was the largest cost of an uncached search after
   * the XML writer's per-byte writes (JFR, bench/search-bench).
   */
  static final int SEARCH_GZIP_LEVEL = Deflater.BEST_SPEED;

  private Documents() {}

  static Document feed(FeedView f) {
    Bytes out = new Bytes(64 * 1024);
    try {
      switch (f.query().format()) {
        case ATOM -> AtomWriter.write(f, out);
        case RSS -> RssWriter.write(f, out);
        case JSON -> JsonFeedWriter.write(f, out);
        case HTML -> {
          byte[] html = HtmlPage.render(f).getBytes(StandardCharsets.UTF_8);
          out.write(html, 0, html.length);
        }
        case OPML, STORY_JSON -> throw new IllegalArgumentException(
            f.query().format() + " is not a feed view");
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing " + f.query().format() + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // A search page is made for one reader and rarely asked for again (its key holds the
    // query), so its gzip is made fast; a plain feed's is made once and sent many times.
    return pack(f.query().format(), out.toByteArray(), f.lastModified(),
        f.query().q().isPresent());
  }

  static Document opml(String title, Collection<Source> sources) {
    Bytes out = new Bytes(16 * 1024);
    try {
      OpmlWriter.write(title, sources, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML failed", e);
    }
    return pack(Format.OPML, out.toByteArray(), Optional.empty());
  }

  static Document pack(Format format, byte[] body, Optional<java.time.Instant> modified) {
    return pack(format, body, modified, false);
  }

  /** {@code search}: a search result, gzipped fast and kept gzipped only (see Document). */
  private static Document pack(Format format, byte[] body, Optional<java.time.Instant> modified,
      boolean search) {
    Optional<java.time.Instant> lastModified =
        modified.map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    return search
        ? Document.gzipOnly(format, body, gzip(body, SEARCH_GZIP_LEVEL), etag(body), lastModified)
        : new Document(format, body, gzip(body, Deflater.DEFAULT_COMPRESSION), etag(body),
            lastModified);
  }

  /** Deterministic: GZIPOutputStream writes no time stamp, so equal bodies give equal bytes. */
  private static byte[] gzip(byte[] body, int level) {
    Bytes out = new Bytes(body.length / 3 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out, 8192) {
      {
        def.setLevel(level);
      }
    }) {
      z.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A strong validator from the bytes alone: the same content has the same tag everywhere. */
  private static String etag(byte[] body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 27)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
