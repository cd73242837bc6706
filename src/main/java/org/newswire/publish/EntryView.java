package org.newswire.publish;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.newswire.model.Enclosure;
import org.newswire.model.Person;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;
import org.newswire.model.StoredItem;

/**
 * What every format shows of one stored item, worked out once: the permanent id, links made
 * absolute (http/https only), content as stored (sanitized by ingest's finishing step), the
 * agency that published it and the other reports of its story.
 *
 * <p>An entry that stands for a story is its first report's, content included: the id, date
 * and text a reader saw first stay as they were when other agencies join (only the list of
 * other reports grows), and the first report is usually the originating agency's.
 *
 * @param storyUrl the story page, when the item belongs to a story
 * @param others the story's other reports (other agencies, or the same one again)
 */
record EntryView(String id, String title, Optional<String> link, String contentHtml,
    Optional<String> summaryHtml, Optional<String> summaryText, List<Person> authors,
    Agency origin, OptionalLong story, Optional<String> storyUrl, List<Report> others,
    List<String> categories, List<Enclosure> enclosures, Optional<String> image,
    Instant published, Instant updated) {

  /** A source as readers see it; {@code link} is its copy of the story when known. */
  record Agency(String id, String title, Optional<String> feedUrl, Optional<String> link) {}

  /**
   * A report of the story: its own entry id (as its source's feed has it), its agency (with the
   * report's link) and its own title.
   */
  record Report(String id, Agency agency, String title, Instant published, Instant firstSeen) {
    /** "Agency: title", the one line a link's title attribute holds. */
    String label() {
      return agency.title() + ": " + title;
    }
  }

  private static final int TITLE_FROM_TEXT = 120;

  static EntryView of(StoredItem item, Map<String, Source> sources, URI feedBase) {
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
    List<Report> others = item.alsoFrom().stream().map(r -> report(r, sources)).toList();
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
        item.storyId(),
        storyUrl(item.storyId(), feedBase, ""),
        others,
        item.categories().stream().map(Text::line).filter(c -> !c.isEmpty()).distinct().toList(),
        enclosures,
        item.imageUrl().flatMap(u -> Links.absolute(u, Optional.of(base))),
        item.publishedAt(),
        item.lastChange());
  }

  static Report report(StoredItem.Report r, Map<String, Source> sources) {
    Optional<String> url = sourceOf(r.sourceId(), sources);
    Agency a = agency(r.sourceId(), r.link().flatMap(l -> Links.absolute(l, url)), sources);
    return new Report(entryId(r.sourceId(), r.identityHash()), a,
        title(r.title(), Optional.empty()), r.publishedAt(), r.firstSeenAt());
  }

  /** {@code /stories/{id}} plus {@code suffix} ({@code ""} for HTML, {@code ".json"}). */
  static Optional<String> storyUrl(OptionalLong story, URI base, String suffix) {
    return story.isPresent()
        ? Optional.of(Links.resolve(base, "/stories/" + story.getAsLong() + suffix))
        : Optional.empty();
  }

  /** The other agencies, each once, without the entry's own: Atom contributors. */
  List<Agency> otherAgencies() {
    Map<String, Agency> out = new java.util.LinkedHashMap<>();
    for (Report r : others) {
      if (!r.agency().id().equals(origin.id())) {
        out.putIfAbsent(r.agency().id(), r.agency());
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * RFC 4287 §4.2.6: the id never changes, so it is built from what identifies the item in the
   * source (its identity hash, unique per source), never from the database's row number.
   */
  static String entryId(StoredItem item) {
    return entryId(item.sourceId(), item.identityHash());
  }

  static String entryId(String sourceId, String identityHash) {
    return "urn:newswire:item:" + sourceId + ":" + identityHash;
  }

  private static String title(StoredItem item) {
    return title(item.title(), item.summaryText());
  }

  static String title(Optional<String> title, Optional<String> summaryText) {
    String t = title.map(Text::line).orElse("");
    if (t.isEmpty()) {
      t = summaryText.map(Text::line).orElse("");
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
