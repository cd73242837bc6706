package org.newswire.clean;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.FeedInfo;
import org.newswire.model.ParsedFeed;
import org.newswire.model.Person;

/**
 * The clean stage: a parsed feed (raw HTML) to one whose HTML fields are sanitized, whose text
 * fields are filled (summary/content text one paragraph per line; title, author and feed-level
 * text on one line), and whose links are http(s) without tracking parameters. Pure and
 * thread-safe.
 */
public final class FeedCleaner {
  private FeedCleaner() {}

  /** {@code base} (the document URL) resolves what relative URLs the parser left. */
  public static ParsedFeed clean(ParsedFeed parsed, Optional<URI> base) {
    String b = base.map(URI::toString).orElse("");
    List<Entry> entries = new ArrayList<>(parsed.entries().size());
    for (Entry e : parsed.entries()) {
      entries.add(cleanEntry(e, b));
    }
    return new ParsedFeed(parsed.encoding(), parsed.format(), cleanFeed(parsed.feed()), entries,
        parsed.warnings());
  }

  /** One entry cleaned; {@code base} (the document URL, may be empty) resolves relative URLs. */
  public static Entry cleanEntry(Entry e, String base) {
    Entry.Builder b = e.toBuilder();
    b.title(line(e.title()));
    b.author(line(e.author()));
    b.authors(people(e.authors()));
    b.link(httpLink(e.link()));
    b.comments(httpLink(e.comments()));
    b.imageUrl(e.imageUrl().filter(Urls::isHttp).orElse(null));
    if (e.summaryHtml().isPresent()) {
      HtmlSanitizer.Sanitized safe = HtmlSanitizer.sanitizeWithText(e.summaryHtml().get(), base);
      b.summaryHtml(safe.html()).summaryText(safe.text());
    } else {
      b.summaryText(e.summaryText().map(FeedCleaner::plainText).orElse(null));
    }
    if (e.contentHtml().isPresent()) {
      HtmlSanitizer.Sanitized safe = HtmlSanitizer.sanitizeWithText(e.contentHtml().get(), base);
      b.contentHtml(safe.html()).contentText(safe.text());
    } else {
      b.contentText(e.contentText().map(FeedCleaner::plainText).orElse(null));
    }
    List<Enclosure> enclosures = new ArrayList<>();
    for (Enclosure enc : e.enclosures()) {
      if (Urls.isHttp(enc.url())) {
        enclosures.add(new Enclosure(Urls.stripTracking(enc.url().strip()), enc.type(), enc.length()));
      }
    }
    b.enclosures(enclosures);
    List<String> categories = new ArrayList<>();
    for (String c : e.categories()) {
      String t = HtmlSanitizer.toLine(c);
      if (!t.isBlank() && !categories.contains(t)) {
        categories.add(t);
      }
    }
    b.categories(categories);
    return b.build();
  }

  private static String plainText(String text) {
    return ItemFurniture.removeLines(TextRenderer.tidy(text));
  }

  static FeedInfo cleanFeed(FeedInfo f) {
    return new FeedInfo(text(f.title()), f.link().filter(Urls::isHttp).map(Urls::stripTracking),
        f.id().map(String::strip), text(f.subtitle()), text(f.rights()), f.language(),
        f.updated(), f.published(), text(f.author()), people(f.authors()), text(f.generator()),
        f.imageUrl().filter(Urls::isHttp), f.categories().stream().map(HtmlSanitizer::toLine)
            .filter(s -> !s.isBlank()).distinct().toList(), f.ttl(),
        f.self().filter(Urls::isHttp));
  }

  /** Feed-level text: sanitized first, so it reads exactly as the item HTML would. */
  private static Optional<String> text(Optional<String> html) {
    return html.map(h -> h.indexOf('<') < 0 ? h : HtmlSanitizer.sanitize(h, ""))
        .map(HtmlSanitizer::toLine).filter(s -> !s.isBlank());
  }

  private static String line(Optional<String> html) {
    return html.map(HtmlSanitizer::toLine).orElse(null);
  }

  private static String httpLink(Optional<String> url) {
    return url.map(String::strip).filter(Urls::isHttp).map(Urls::stripTracking).orElse(null);
  }

  private static List<Person> people(List<Person> people) {
    List<Person> out = new ArrayList<>();
    for (Person p : people) {
      Person c = new Person(text(p.name()), p.email().map(String::strip), p.uri().map(String::strip));
      if (!c.isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }
}
