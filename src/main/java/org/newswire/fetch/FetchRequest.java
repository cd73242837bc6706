package org.newswire.fetch;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** A GET with the validators stored from the previous successful fetch (RFC 9110 §13). */
public record FetchRequest(URI url, Optional<String> etag, Optional<String> lastModified) {

  public FetchRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  public static FetchRequest of(URI url) {
    return new FetchRequest(url, Optional.empty(), Optional.empty());
  }
}
