package org.newswire.model;

import java.net.URI;

/**
 * Reference resolution (RFC 3986 §5.2) for every stage that makes a URL absolute — the parser's
 * links, the cleaner's HTML attributes, the extractor's images — so that they agree. It lives
 * here because {@code parse} and {@code clean} may not use each other. {@link URI#resolve}
 * alone is not enough: it keeps {@code ..} segments that climb above the root
 * ({@code http://host/../pogoda/}), which §5.2.4 removes, and turns {@code x} against
 * {@code http://host} into {@code http://hostx}, and resolves {@code ?y} as RFC 2396 did.
 */
public final class UriResolution {
  private UriResolution() {}

  /**
   * {@code ref} resolved against {@code base}, dot segments removed (also those of an absolute
   * {@code ref}, as §5.2.2 does). An opaque base or reference ({@code mailto:}) is left alone.
   */
  public static URI resolve(URI base, URI ref) {
    if (ref.isOpaque() || base.isOpaque()) {
      return ref;
    }
    URI b = base;
    if (b.getRawAuthority() != null && (b.getRawPath() == null || b.getRawPath().isEmpty())) {
      b = URI.create(b.getScheme() + "://" + b.getRawAuthority() + "/");
    }
    if (ref.getScheme() == null && ref.getRawAuthority() == null
        && ref.getRawPath().isEmpty() && ref.getRawQuery() != null) {
      // "?y": RFC 3986 §5.2.2 keeps the base path; URI (RFC 2396) drops its last segment.
      String prefix = b.toString();
      int end = b.getRawQuery() != null || b.getRawFragment() != null
          ? prefix.indexOf(b.getRawQuery() != null ? '?' : '#') : prefix.length();
      return withoutDotSegments(URI.create(prefix.substring(0, end) + ref));
    }
    return withoutDotSegments(b.resolve(ref));
  }

  /** {@code u} with its path's "." and ".." segments removed (RFC 3986 §5.2.4). */
  public static URI withoutDotSegments(URI u) {
    String path = u.getRawPath();
    if (u.isOpaque() || path == null || !hasDotSegment(path)) {
      return u;
    }
    StringBuilder s = new StringBuilder();
    if (u.getScheme() != null) {
      s.append(u.getScheme()).append(':');
    }
    if (u.getRawAuthority() != null) {
      s.append("//").append(u.getRawAuthority());
    }
    s.append(removeDotSegments(path));
    if (u.getRawQuery() != null) {
      s.append('?').append(u.getRawQuery());
    }
    if (u.getRawFragment() != null) {
      s.append('#').append(u.getRawFragment());
    }
    return URI.create(s.toString());
  }

  private static boolean hasDotSegment(String path) {
    return path.equals(".") || path.equals("..") || path.startsWith("./")
        || path.startsWith("../") || path.contains("/./") || path.contains("/../")
        || path.endsWith("/.") || path.endsWith("/..");
  }

  /** The algorithm of RFC 3986 §5.2.4, step by step. */
  static String removeDotSegments(String path) {
    String in = path;
    StringBuilder out = new StringBuilder(path.length());
    while (!in.isEmpty()) {
      if (in.startsWith("../")) {
        in = in.substring(3); // A
      } else if (in.startsWith("./")) {
        in = in.substring(2); // A
      } else if (in.startsWith("/./")) {
        in = in.substring(2); // B
      } else if (in.equals("/.")) {
        in = "/"; // B
      } else if (in.startsWith("/../")) {
        in = in.substring(3); // C
        removeLastSegment(out);
      } else if (in.equals("/..")) {
        in = "/"; // C
        removeLastSegment(out);
      } else if (in.equals(".") || in.equals("..")) {
        in = ""; // D
      } else {
        int next = in.indexOf('/', in.startsWith("/") ? 1 : 0); // E
        String segment = next < 0 ? in : in.substring(0, next);
        out.append(segment);
        in = in.substring(segment.length());
      }
    }
    return out.toString();
  }

  private static void removeLastSegment(StringBuilder out) {
    int slash = out.lastIndexOf("/");
    out.setLength(Math.max(slash, 0));
  }
}
