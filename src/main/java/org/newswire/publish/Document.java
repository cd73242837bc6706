package org.newswire.publish;

import java.time.Instant;
import java.util.Optional;

/**
 * A rendered document, kept as bytes twice (plain and gzip) so a cached answer costs no CPU but
 * the copy. {@code etag} is strong and derived from the bytes, so it is the same after a restart
 * for the same content (RFC 9110 §8.8.3); the gzip variant's tag is {@link #gzipEtag()}.
 *
 * @param lastModified when the shown items last changed in the store (stored, edited), for
 *     feeds and the HTML page
 */
public record Document(Format format, byte[] body, byte[] gzipBody, String etag,
    Optional<Instant> lastModified) {

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
}
