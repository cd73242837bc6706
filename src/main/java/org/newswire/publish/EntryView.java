package org.newswire.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newswire.model.Enclosure;
import org.newswire.model.Person;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;
import org.newswire.model.StoredItem;

/**
 * What every format shows of one stored item, worked out once: the permanent id, links made
 * absolute (http/https only), content as stored (sanitized by ingest's finishing step), the
 * agency that published it and the others that carried the same story.
 */
record EntryView(String id, String title, Optional<String> link, String contentHtml,
    Optional<String> summaryHtml, Optional<String> summaryText, List<Person> authors,
    Agency origin, List<Agency> alsoFrom, List<String> categories, List<Enclosure> enclosures,
    Optional<String> image, Instant published, Instant updated) {

  /** A source as readers see it; {@code link} is its copy of the story when known. */
  record Agency(String id, String title, Optional<String> feedUrl, Optional<String> link) {}

  private static final int TITLE_FROM_TEXT = 120;

  static EntryView of(StoredItem item, Map<String, Source> sources) {
    Optional<String> sourceUrl = sourceOf(item.sourceId(), sources);
    Optional<String> link = item.link().flatMap(l -> Links.absolute(l, sourceUrl));
    String base = link.or(() -> sourceUrl).orElse("");
    // As stored: ingest's finishing step sanitized it (URLs absolute) once and last.
    Optional<String> content = item.contentHtml();
    Optional<String> summary = item.summaryHtml();
    Agency origin = agency(item.sourceId(), link, sources);
    List<Person> authors = new ArrayList<>(item.authors());
    if (authors.isEmpty() && item.author().isPresent()) {
      authors.add(Person.named(item.author().get()));
    }
    if (authors.isEmpty()) {
      // RFC 4287 §4.1.2: an entry needs an author; the agency is the honest one.
      authors.add(new Person(Optional.of(origin.title()), Optional.empty(),
          origin.feedUrl()));
    }
    List<Agency> also = new ArrayList<>();
    for (StoredItem.AlsoFrom a : item.alsoFrom()) {
      Optional<String> url = sourceOf(a.sourceId(), sources);
      also.add(agency(a.sourceId(), a.link().flatMap(l -> Links.absolute(l, url)), sources));
    }
    List<Enclosure> enclosures = new ArrayList<>();
    for (Enclosure e : item.enclosures()) {
      Links.absolute(e.url(), Optional.of(base).filter(b -> !b.isEmpty()))
          .ifPresent(u -> enclosures.add(new Enclosure(u, e.type(), e.length())));
    }
    return new EntryView(
        entryId(item),
        title(item),
        link,
        Text.xml(content.or(() -> summary).orElse("")),
        content.isPresent() ? summary.map(Text::xml) : Optional.empty(),
        item.summaryText().map(Text::text),
        authors,
        origin,
        also,
        item.categories().stream().map(Text::line).filter(c -> !c.isEmpty()).distinct().toList(),
        enclosures,
        item.imageUrl().flatMap(u -> Links.absolute(u, Optional.of(base))),
        item.publishedAt(),
        item.lastChange());
  }

  /**
   * RFC 4287 §4.2.6: the id never changes, so it is built from what identifies the item in the
   * source (its identity hash, unique per source), never from the database's row number.
   */
  static String entryId(StoredItem item) {
    return "urn:newswire:item:" + item.sourceId() + ":" + item.identityHash();
  }

  private static String title(StoredItem item) {
    String t = item.title().map(Text::line).orElse("");
    if (t.isEmpty()) {
      t = item.summaryText().map(Text::line).orElse("");
      if (t.length() > TITLE_FROM_TEXT) {
        t = t.substring(0, TITLE_FROM_TEXT) + "…";
      }
    }
    return t.isEmpty() ? "(untitled)" : t;
  }

  /** The source's feed URL as readers may see it: without credentials or keys. */
  private static Optional<String> sourceOf(String id, Map<String, Source> sources) {
    return Optional.ofNullable(sources.get(id)).map(s -> SecretUrls.redact(s.url()));
  }

  static Agency agency(String id, Optional<String> link, Map<String, Source> sources) {
    Source s = sources.get(id);
    String title = s == null ? id : s.title().map(Text::line).filter(t -> !t.isEmpty()).orElse(id);
    return new Agency(id, title, sourceOf(id, sources), link);
  }
}
