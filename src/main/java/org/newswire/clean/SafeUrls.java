package org.newswire.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * URL attributes of cleaned HTML made absolute and limited to http, https and mailto (img may
 * keep a data: URL of a raster image type). The scheme is read as browsers read it, with
 * whitespace and control characters ignored, so "java&#9;script:" is javascript.
 */
final class SafeUrls {
  private static final Pattern DATA_IMAGE =
      Pattern.compile("^data:image/(png|gif|jpe?g|webp);", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

  private final String baseText;
  private URI base;
  private boolean baseParsed;

  SafeUrls(String base) {
    this.baseText = base;
  }

  void fix(Element el) {
    for (Attribute a : el.attributes().asList()) {
      String key = a.getKey();
      if (!(key.equals("href") || key.equals("src") || key.equals("cite") || key.equals("poster"))) {
        continue;
      }
      String safe = safe(a.getValue(), el.normalName().equals("img") && key.equals("src"));
      if (safe == null) {
        el.removeAttr(key);
      } else {
        el.attr(key, key.equals("href") ? Urls.stripTracking(safe) : safe);
      }
    }
  }

  /** The absolute, allowed form of {@code value}, or null to drop the attribute. */
  String safe(String raw, boolean image) {
    String value = raw.strip();
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0x20 && c != 0x7F) {
        b.append(c);
      } else if (c == ' ' && b.length() > 0) {
        b.append("%20");
      }
    }
    String v = b.toString();
    if (v.isEmpty()) {
      return null;
    }
    var m = SCHEME.matcher(v);
    if (m.find()) {
      String scheme = m.group(1).toLowerCase(Locale.ROOT);
      return switch (scheme) {
        // Absolute URLs lose dot segments too (RFC 3986 §5.2.2); one URI cannot parse stays.
        case "http", "https" -> v.contains("/.") ? Objects.requireNonNullElse(
            Urls.resolve((URI) null, v), v) : v;
        case "mailto" -> v;
        case "data" -> image && DATA_IMAGE.matcher(v).find() ? v : null;
        default -> null;
      };
    }
    return base() == null ? null : Urls.resolve(base, v);
  }

  private URI base() {
    if (!baseParsed) {
      baseParsed = true;
      try {
        URI u = baseText.isBlank() ? null : new URI(baseText.strip());
        if (u != null && u.isAbsolute() && u.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
          base = u;
        }
      } catch (URISyntaxException e) {
        base = null;
      }
    }
    return base;
  }
}
