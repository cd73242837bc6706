package org.newswire.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.newswire.model.UriResolution;

/**
 * URL hygiene shared by the cleaner and the store: tracking parameters removed, and a canonical
 * form (scheme and host lower-cased, default port and fragment dropped) under which the same
 * article linked from two agencies compares equal.
 */
public final class Urls {
  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ymclid", "ysclid",
      "_openstat", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
      "oly_enc_id", "rb_clickid", "s_cid", "vero_conv", "vero_id", "wickedid", "twclid",
      "ttclid", "srsltid", "_ga", "_gl", "from_rss", "rss_from");

  private Urls() {}

  /** True for a query parameter name that only tracks the reader (utm_*, fbclid, yclid, …). */
  public static boolean isTrackingParam(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("utm_") || TRACKING.contains(n);
  }

  /** {@code url} without tracking query parameters; everything else byte for byte. */
  public static String stripTracking(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return url;
    }
    int hash = url.indexOf('#', q);
    String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    StringBuilder kept = new StringBuilder();
    boolean changed = false;
    for (String part : query.split("&", -1)) {
      if (part.isEmpty()) {
        changed = true;
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      if (isTrackingParam(name)) {
        changed = true;
        continue;
      }
      if (kept.length() > 0) {
        kept.append('&');
      }
      kept.append(part);
    }
    if (!changed) {
      return url;
    }
    return url.substring(0, q) + (kept.length() > 0 ? "?" + kept : "") + fragment;
  }

  /**
   * {@code ref} made absolute against {@code base} as item HTML links are (RFC 3986 §5.2, dot
   * segments removed even where they climb above the root); empty unless the result is an
   * http(s) URL. Characters browsers accept but {@link URI} does not are percent-encoded.
   */
  public static Optional<String> resolve(String base, String ref) {
    URI b = null;
    if (base != null && !base.isBlank()) {
      try {
        b = new URI(base.strip());
      } catch (URISyntaxException e) {
        b = null;
      }
    }
    return Optional.ofNullable(resolve(b, ref.strip()));
  }

  /** {@link #resolve(String, String)} for a parsed (or no) base; null for no result. */
  static String resolve(URI base, String ref) {
    try {
      URI r = new URI(escapeIllegal(ref));
      URI out;
      if (r.isAbsolute()) {
        out = UriResolution.withoutDotSegments(r);
      } else if (base == null || !base.isAbsolute()) {
        return null;
      } else {
        out = UriResolution.resolve(base, r);
      }
      String s = out.toString();
      return isHttp(s) ? s : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Characters browsers accept in hrefs but java.net.URI does not, percent-encoded. */
  private static String escapeIllegal(String v) {
    StringBuilder b = null;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ("\"<>\\^`{|}".indexOf(c) >= 0) {
        if (b == null) {
          b = new StringBuilder(v.substring(0, i));
        }
        b.append('%').append(String.format("%02X", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? v : b.toString();
  }

  /** True when {@code url} is an absolute http(s) URL. */
  public static boolean isHttp(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    return (u.startsWith("http://") || u.startsWith("https://")) && u.length() > 8;
  }

  /**
   * The canonical form of an http(s) URL for dedup across sources: lower-case scheme and host,
   * no default port, no fragment, no tracking parameters, "/" for an empty path. Empty for
   * anything that is not an absolute http(s) URL.
   */
  public static Optional<String> canonical(String url) {
    if (url == null || !isHttp(url)) {
      return Optional.empty();
    }
    try {
      URI u = new URI(stripTracking(url.strip()).replace(" ", "%20"));
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      String host = u.getHost();
      if (host == null) {
        return Optional.empty();
      }
      host = host.toLowerCase(Locale.ROOT);
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      int port = u.getPort();
      boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
          || (scheme.equals("https") && port == 443);
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      StringBuilder b = new StringBuilder(scheme).append("://");
      if (u.getRawUserInfo() != null) {
        b.append(u.getRawUserInfo()).append('@');
      }
      b.append(host);
      if (!defaultPort) {
        b.append(':').append(port);
      }
      b.append(path);
      if (u.getRawQuery() != null && !u.getRawQuery().isEmpty()) {
        b.append('?').append(u.getRawQuery());
      }
      return Optional.of(b.toString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
