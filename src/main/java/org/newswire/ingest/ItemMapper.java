package org.newswire.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newswire.dedup.Identities;
import org.newswire.dedup.Identity;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.Person;
import org.newswire.store.ArticleData;
import org.newswire.store.ItemData;

/** A cleaned entry as the row the store writes. */
final class ItemMapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemMapper() {}

  /**
   * @param contentHash hash of the raw entry (so that re-polls compare like with like)
   * @param canonicalUrl the cleaned link's canonical form, shared across sources for one story
   */
  static ItemData toItem(Entry e, Identity identity, String contentHash,
      Optional<String> canonicalUrl, Instant firstSeen, Optional<ArticleData> article) {
    Optional<Instant> published = e.published().or(e::updated);
    return new ItemData(
        identity.hash(),
        identity.kind().label(),
        e.id().map(s -> truncate(s, 2048)),
        e.link().filter(l -> l.length() <= 2048),
        canonicalUrl.filter(l -> l.length() <= 2048),
        canonicalUrl.map(Identities::sha256),
        e.title(),
        e.author().map(s -> truncate(s, 1024)),
        e.authors().isEmpty() ? Optional.empty() : Optional.of(json(authors(e.authors()))),
        e.summaryHtml(),
        e.summaryText(),
        e.contentHtml(),
        e.contentText(),
        e.categories().isEmpty() ? Optional.empty() : Optional.of(json(e.categories())),
        e.enclosures().isEmpty() ? Optional.empty()
            : Optional.of(json(enclosures(e.enclosures()))),
        e.comments().filter(l -> l.length() <= 2048),
        e.imageUrl().filter(l -> l.length() <= 2048),
        contentHash,
        published.orElse(firstSeen),
        published.isEmpty(),
        e.updated(),
        article);
  }

  private static List<Map<String, Object>> authors(List<Person> people) {
    return people.stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name().orElse(null));
      m.put("email", p.email().orElse(null));
      m.put("uri", p.uri().orElse(null));
      return m;
    }).toList();
  }

  private static List<Map<String, Object>> enclosures(List<Enclosure> list) {
    return list.stream().map(x -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", x.url());
      m.put("type", x.type().orElse(null));
      m.put("length", x.length().isPresent() ? x.length().getAsLong() : null);
      return m;
    }).toList();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass(), e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
