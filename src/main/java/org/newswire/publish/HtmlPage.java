package org.newswire.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The index page: the latest stories as plain text (no feed HTML reaches the page at all) and
 * alternate links that let browsers and readers discover the feeds.
 */
final class HtmlPage {
  static final String STYLE = "body{font:16px/1.45 system-ui,sans-serif;max-width:46em;"
      + "margin:2em auto;padding:0 1em;color:#222}li{margin:0 0 1.2em}"
      + ".meta{color:#666;font-size:.85em}ul{list-style:none;padding:0}";

  /**
   * No script at all, the one style block allowed by its hash, nothing framed or posted
   * elsewhere: a title that slips past every other defence still cannot run.
   */
  static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; "
      + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private HtmlPage() {}

  static String render(FeedView f) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>")
        .append(esc(f.title())).append("</title>\n");
    alternate(b, Format.ATOM, f);
    alternate(b, Format.RSS, f);
    alternate(b, Format.JSON, f);
    b.append("<style>").append(STYLE).append("</style>\n</head><body>\n<h1>")
        .append(esc(f.title())).append("</h1>\n<p>Feeds: ");
    b.append("<a href=\"").append(esc(f.query().url(Format.ATOM, java.util.Optional.empty())))
        .append("\">Atom</a> · <a href=\"")
        .append(esc(f.query().url(Format.RSS, java.util.Optional.empty())))
        .append("\">RSS</a> · <a href=\"")
        .append(esc(f.query().url(Format.JSON, java.util.Optional.empty())))
        .append("\">JSON Feed</a> · <a href=\"")
        .append(esc(Links.resolve(f.query().base(), "/opml")))
        .append("\">OPML</a></p>\n<ul>\n");
    for (EntryView e : f.entries()) {
      b.append("<li><a href=\"").append(esc(e.link().orElse("#"))).append("\">")
          .append(esc(e.title())).append("</a>\n<div class=\"meta\">")
          .append(esc(e.origin().title()));
      b.append(" · ");
      time(b, e.published());
      e.storyUrl().ifPresent(u -> b.append(" · <a href=\"").append(esc(u))
          .append("\">story</a>"));
      b.append("</div>\n");
      if (!e.others().isEmpty()) {
        b.append("<div class=\"meta\">Also reported by: ");
        String sep = "";
        for (EntryView.Report r : e.others()) {
          b.append(sep);
          sep = ", ";
          agencyLink(b, r);
        }
        b.append("</div>\n");
      }
      e.summaryText().map(Text::line).filter(s -> !s.isEmpty()).ifPresent(s ->
          b.append("<p>").append(esc(s.length() > 400 ? s.substring(0, 400) + "…" : s))
              .append("</p>\n"));
      b.append("</li>\n");
    }
    b.append("</ul>\n");
    f.next().ifPresent(n -> b.append("<p><a href=\"").append(esc(n))
        .append("\">Older</a></p>\n"));
    b.append("</body></html>\n");
    return b.toString();
  }

  /** The agency's name, linking its report (titled with the report's own title) if it can. */
  static void agencyLink(StringBuilder b, EntryView.Report r) {
    if (r.agency().link().isPresent()) {
      b.append("<a href=\"").append(esc(r.agency().link().get())).append("\" title=\"")
          .append(esc(r.title())).append("\">").append(esc(r.agency().title())).append("</a>");
    } else {
      b.append(esc(r.agency().title()));
    }
  }

  static void time(StringBuilder b, java.time.Instant t) {
    b.append("<time datetime=\"").append(FeedView.rfc3339(t)).append("\">")
        .append(FeedView.rfc3339(t).replace('T', ' ').replace("Z", " UTC")).append("</time>");
  }

  private static void alternate(StringBuilder b, Format format, FeedView f) {
    b.append("<link rel=\"alternate\" type=\"").append(format.contentType().split(";")[0])
        .append("\" title=\"").append(esc(f.title())).append("\" href=\"")
        .append(esc(f.query().url(format, java.util.Optional.empty()))).append("\">\n");
  }

  /** Escapes for both text and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
