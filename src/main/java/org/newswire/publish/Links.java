package org.newswire.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Absolute http(s) links only: anything else (javascript:, data:, garbage) is dropped. */
final class Links {
  private Links() {}

  /** {@code pathAndQuery} (starting with /) under {@code base}, keeping base's own path. */
  static String resolve(URI base, String pathAndQuery) {
    String b = base.toString();
    if (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return b + pathAndQuery;
  }

  /** {@code link} made absolute against {@code base} when it is an http(s) URL. */
  static Optional<String> absolute(String link, Optional<String> base) {
    try {
      URI u = new URI(link.trim());
      if (!u.isAbsolute() && base.isPresent()) {
        u = new URI(base.get()).resolve(u);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return Optional.of(u.toASCIIString());
      }
      return Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
