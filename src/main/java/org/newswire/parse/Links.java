package org.newswire.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswire.model.UriResolution;

/**
 * Relative references made absolute (RFC 3986 §5) against an entry's base: its xml:base chain,
 * else the document URL. HTML is handled by rewriting URL attributes in place, which is far
 * cheaper than parsing every item's HTML twice (the cleaner parses it once, later).
 */
final class Links {
  private static final Pattern URL_ATTR = Pattern.compile(
      "(?i)(\\s(?:href|src|poster|cite|background|longdesc)\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^\\s\"'>]+)");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private Links() {}

  /** {@code ref} resolved against {@code base}; unchanged when unparsable or nothing to do. */
  static String resolve(URI base, String ref) {
    if (ref == null) {
      return null;
    }
    String r = ref.strip();
    if (base == null || SCHEME.matcher(r).find()) {
      return r.contains("/.") ? withoutDotSegments(r) : r;
    }
    try {
      if (r.startsWith("//")) {
        return base.getScheme() == null ? r : withoutDotSegments(base.getScheme() + ":" + r);
      }
      if (r.isEmpty()) {
        // The document itself ("" resolves to the base, §5.4.1), with the root path it implies.
        boolean noPath = base.getRawPath() == null || base.getRawPath().isEmpty();
        return noPath && base.getRawAuthority() != null
            ? base.getScheme() + "://" + base.getRawAuthority() + "/" : base.toString();
      }
      return UriResolution.resolve(base, new URI(encodeLoosely(r))).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return r;
    }
  }

  private static String withoutDotSegments(String absolute) {
    try {
      return UriResolution.withoutDotSegments(new URI(encodeLoosely(absolute))).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return absolute;
    }
  }

  /** Spaces and other characters browsers tolerate in hrefs, percent-encoded for URI. */
  private static String encodeLoosely(String r) {
    StringBuilder b = new StringBuilder(r.length());
    for (char c : r.toCharArray()) {
      if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
          || c == '{' || c == '|' || c == '}') {
        b.append('%').append(String.format("%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** HTML with its URL attributes resolved against {@code base}. */
  static String resolveHtml(String html, URI base) {
    if (html == null || base == null || html.indexOf('=') < 0) {
      return html;
    }
    Matcher m = URL_ATTR.matcher(html);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String raw = m.group(2);
      char q = raw.charAt(0);
      String value = q == '"' || q == '\'' ? raw.substring(1, raw.length() - 1) : raw;
      String decoded = value.replace("&amp;", "&");
      if (SCHEME.matcher(decoded.strip()).find() || decoded.startsWith("#")) {
        continue;
      }
      String abs = resolve(base, decoded).replace("&", "&amp;").replace("\"", "&quot;");
      if (out == null) {
        out = new StringBuilder(html.length() + 64);
      }
      out.append(html, last, m.start()).append(m.group(1)).append('"').append(abs).append('"');
      last = m.end();
    }
    if (out == null) {
      return html;
    }
    return out.append(html, last, html.length()).toString();
  }

  static URI toUri(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return new URI(encodeLoosely(s.strip()));
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
