package org.newswire.fulltext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.newswire.clean.Urls;

/**
 * Title, author, date, lead image and canonical URL from what the page declares about itself
 * ({@code <link rel="canonical">}, RFC 6596): Open Graph and
 * article: meta (ogp.me), schema.org JSON-LD and microdata, {@code <time datetime>}, then the
 * visible {@code <h1>} and {@code <title>}.
 */
record PageMetadata(
    Optional<String> title,
    Optional<String> author,
    Optional<Instant> published,
    Optional<String> image,
    JsonLd jsonLd,
    Optional<String> canonical) {

  private static final Pattern URLISH = Pattern.compile("^(https?:)?//.*");

  /** Reads the page's metadata in one traversal. */
  static PageMetadata of(Document doc) {
    Scan scan = new Scan();
    doc.traverse((node, depth) -> { // no list of all elements built, unlike getAllElements()
      if (node instanceof Element e) {
        scan.see(e);
      }
    });
    JsonLd ld = JsonLd.of(scan.jsonLd);
    Map<String, String> meta = scan.meta;
    Optional<String> title = ld.headline()
        .or(() -> first(meta, "og:title", "twitter:title"))
        .or(() -> text(scan.h1))
        .or(() -> Optional.of(doc.title().strip()).filter(s -> !s.isEmpty()));
    Optional<String> author = ld.author()
        .or(() -> first(meta, "author", "article:author", "byl", "sailthru.author")
            .filter(a -> !URLISH.matcher(a).matches()))
        .or(() -> text(scan.author))
        .filter(a -> a.length() <= 100);
    Optional<Instant> published = ld.published().flatMap(PageMetadata::instant)
        .or(() -> first(meta, "article:published_time", "datepublished", "pubdate",
            "publish-date", "date", "dc.date.issued", "dc.date").flatMap(PageMetadata::instant))
        .or(() -> Optional.ofNullable(scan.time).flatMap(t -> instant(t.attr("datetime"))));
    Optional<String> image = first(meta, "og:image", "og:image:url", "twitter:image")
        .or(ld::image)
        .map(src -> absolute(doc, src));
    Optional<String> canonical = Optional.ofNullable(scan.canonical)
        .map(c -> c.attr("href").strip()).filter(h -> !h.isEmpty())
        .map(href -> absolute(doc, href)).filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    return new PageMetadata(title, author, published, image, ld, canonical);
  }

  /** What one pass over the elements collects. */
  private static final class Scan {
    final Map<String, String> meta = new HashMap<>();
    final List<Element> jsonLd = new ArrayList<>();
    Element h1;
    Element author;
    Element time;
    Element canonical;

    void see(Element e) {
      switch (e.normalName()) {
        case "meta" -> meta(e);
        case "script" -> {
          if (e.attr("type").equalsIgnoreCase("application/ld+json")) {
            jsonLd.add(e);
          }
        }
        case "h1" -> h1 = h1 == null ? e : h1;
        case "time" -> time = time == null && e.hasAttr("datetime") ? e : time;
        case "link" -> canonical = canonical == null
            && e.attr("rel").toLowerCase(Locale.ROOT).strip().equals("canonical") ? e : canonical;
        default -> { }
      }
      if (author == null && e.attributesSize() > 0 && (e.attr("itemprop").equals("author")
          || e.nameIs("a") && e.attr("rel").equals("author"))) {
        author = e;
      }
    }

    private void meta(Element m) {
      String content = m.attr("content").strip();
      if (content.isEmpty()) {
        return;
      }
      for (String key : new String[] {"property", "name", "itemprop"}) {
        String k = m.attr(key);
        if (!k.isEmpty()) {
          meta.putIfAbsent(k.toLowerCase(Locale.ROOT), content);
        }
      }
    }
  }

  private static Optional<String> first(Map<String, String> meta, String... keys) {
    for (String k : keys) {
      String v = meta.get(k);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(Element e) {
    return e == null ? Optional.empty() : Optional.of(e.text().strip()).filter(s -> !s.isEmpty());
  }

  private static String absolute(Document doc, String src) {
    return Urls.resolve(doc.location(), src).orElse(src);
  }

  /**
   * ISO-8601 in the forms publishers use: with an offset, with Z, without zone (read as UTC;
   * the page gave no better evidence) or a bare date.
   */
  static Optional<Instant> instant(String s) {
    String v = s.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    // "+0300" offsets are common; ISO wants "+03:00".
    v = v.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2").replace(' ', 'T');
    try {
      return Optional.of(OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      // try the zone-less forms below
    }
    try {
      return Optional.of(LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try a bare date
    }
    try {
      return Optional.of(LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v)
          .atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
