package org.newswire.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLStreamException;
import org.newswire.model.Source;

/** Renders a view in its format and packs the bytes, their gzip and their ETag. */
final class Documents {
  private Documents() {}

  static Document feed(FeedView f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      switch (f.query().format()) {
        case ATOM -> AtomWriter.write(f, out);
        case RSS -> RssWriter.write(f, out);
        case JSON -> JsonFeedWriter.write(f, out);
        case HTML -> out.writeBytes(HtmlPage.render(f).getBytes(StandardCharsets.UTF_8));
        case OPML, STORY_JSON -> throw new IllegalArgumentException(
            f.query().format() + " is not a feed view");
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing " + f.query().format() + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pack(f.query().format(), out.toByteArray(), f.lastModified());
  }

  static Document opml(String title, Collection<Source> sources) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      OpmlWriter.write(title, sources, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML failed", e);
    }
    return pack(Format.OPML, out.toByteArray(), Optional.empty());
  }

  static Document pack(Format format, byte[] body, Optional<java.time.Instant> modified) {
    return new Document(format, body, gzip(body), etag(body),
        modified.map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  /** Deterministic: GZIPOutputStream writes no time stamp, so equal bodies give equal bytes. */
  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out, 8192)) {
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
