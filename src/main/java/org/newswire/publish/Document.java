package org.newswire.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A rendered document, kept as bytes twice (plain and gzip) so a cached answer costs no CPU but
 * the copy. {@code etag} is strong and derived from the bytes, so it is the same after a restart
 * for the same content (RFC 9110 §8.8.3); the gzip variant's tag is {@link #gzipEtag()}.
 *
 * <p>A search result is kept gzipped only ({@link #gzipOnly}): its key holds the reader's query,
 * so it is rarely asked for again, and readers ask for gzip. Holding both copies of every
 * uncached search (2,000 of them, ~245 KB each for 50 entries) made each young collection
 * copy them, with pauses of ~100 ms under the search bench. The plain bytes are then inflated
 * for the rare request without gzip.
 */
public final class Document {
  private final Format format;
  private final Optional<byte[]> body;
  private final byte[] gzipBody;
  private final int bodyLength;
  private final String etag;
  private final Optional<Instant> lastModified;

  private Document(Format format, Optional<byte[]> body, byte[] gzipBody, int bodyLength,
      String etag, Optional<Instant> lastModified) {
    this.format = format;
    this.body = body;
    this.gzipBody = gzipBody;
    this.bodyLength = bodyLength;
    this.etag = etag;
    this.lastModified = lastModified;
  }

  /**
   * @param lastModified when the shown items last changed in the store (stored, edited), for
   *     feeds and the HTML page
   */
  public Document(Format format, byte[] body, byte[] gzipBody, String etag,
      Optional<Instant> lastModified) {
    this(format, Optional.of(body), gzipBody, body.length, etag, lastModified);
  }

  /** As the constructor, but keeping only {@code gzipBody} ({@code body} is its content). */
  static Document gzipOnly(Format format, byte[] body, byte[] gzipBody, String etag,
      Optional<Instant> lastModified) {
    return gzipOnly(format, body.length, gzipBody, etag, lastModified);
  }

  /** As above, given the plain bytes' length only. */
  static Document gzipOnly(Format format, int bodyLength, byte[] gzipBody, String etag,
      Optional<Instant> lastModified) {
    return new Document(format, Optional.empty(), gzipBody, bodyLength, etag, lastModified);
  }

  public Format format() {
    return format;
  }

  /** The plain bytes: kept, or inflated from the gzip copy for this call. */
  public byte[] body() {
    return body.orElseGet(this::inflate);
  }

  public int bodyLength() {
    return bodyLength;
  }

  public byte[] gzipBody() {
    return gzipBody;
  }

  public String etag() {
    return etag;
  }

  public Optional<Instant> lastModified() {
    return lastModified;
  }

  /** A distinct strong tag for the gzip representation: its bytes differ. */
  public String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  /** True when an If-None-Match value names this document, in either encoding. */
  public boolean matches(String ifNoneMatch) {
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag) || t.equals(gzipEtag())) {
        return true;
      }
    }
    return false;
  }

  private byte[] inflate() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bodyLength);
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipBody),
        8192)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("our own gzip bytes are unreadable", e);
    }
    return out.toByteArray();
  }
}
