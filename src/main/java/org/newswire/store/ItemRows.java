package org.newswire.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.newswire.model.Enclosure;
import org.newswire.model.FinishedArticle;
import org.newswire.model.FinishedItem;
import org.newswire.model.Person;
import org.newswire.model.StoredItem;
import org.newswire.store.generated.tables.records.ItemRecord;

/**
 * Items and their rows, both ways: a {@link FinishedItem} as the row written, a row as the
 * {@link StoredItem} read. The JSON columns (authors, categories, enclosures) are written and
 * read here only.
 */
final class ItemRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemRows() {}

  /** The row a new item is inserted as ({@code now} is its first-seen time). */
  static ItemRecord record(String sourceId, FinishedItem i, Instant now) {
    ItemRecord r = new ItemRecord();
    r.setSourceId(sourceId);
    r.setIdentityHash(i.identityHash());
    r.setIdentityKind(i.identityKind());
    r.setGuid(i.guid().orElse(null));
    r.setLink(i.link().orElse(null));
    r.setCanonicalUrl(i.canonicalUrl().orElse(null));
    r.setCanonicalUrlHash(i.canonicalUrlHash().orElse(null));
    r.setTitle(i.title().orElse(null));
    r.setAuthor(i.author().orElse(null));
    r.setAuthorsJson(i.authors().isEmpty() ? null : json(authorsJson(i.authors())));
    r.setSummaryHtml(i.summaryHtml().orElse(null));
    r.setSummaryText(i.summaryText().orElse(null));
    r.setContentHtml(i.contentHtml().orElse(null));
    r.setContentText(i.contentText().orElse(null));
    r.setCategoriesJson(i.categories().isEmpty() ? null : json(i.categories()));
    r.setEnclosuresJson(i.enclosures().isEmpty() ? null : json(enclosuresJson(i.enclosures())));
    r.setComments(i.comments().orElse(null));
    r.setImageUrl(i.imageUrl().orElse(null));
    r.setContentHash(i.contentHash());
    r.setPublishedAt(Times.utc(i.publishedAt()));
    r.setPublishedGuessed(i.publishedGuessed());
    r.setFeedUpdatedAt(Times.utc(i.feedUpdatedAt().orElse(null)));
    r.setFirstSeenAt(Times.utc(now));
    i.article().ifPresent(a -> {
      boolean pending = a.status() == FinishedArticle.Status.PENDING;
      r.setArticleStatus(pending ? ArticleQueue.PENDING : ArticleQueue.DONE);
      r.setArticleHtml(a.html().orElse(null));
      r.setArticleText(a.text().orElse(null));
      r.setArticleMethod(a.method().orElse(null));
      r.setDatelinePlace(a.datelinePlace().orElse(null));
      r.setDatelineAgency(a.datelineAgency().orElse(null));
      r.setArticleNextAt(pending ? Times.utc(now) : null);
    });
    return r;
  }

  private static List<Map<String, Object>> authorsJson(List<Person> people) {
    return people.stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name().orElse(null));
      m.put("email", p.email().orElse(null));
      m.put("uri", p.uri().orElse(null));
      return m;
    }).toList();
  }

  private static List<Map<String, Object>> enclosuresJson(List<Enclosure> list) {
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

  static StoredItem toItem(ItemRecord r, List<StoredItem.Report> alsoFrom) {
    // The full article when extraction found one, else the feed's own content.
    Optional<String> content = present(r.getArticleHtml()).or(() -> present(r.getContentHtml()));
    Optional<java.time.Instant> updated = updated(r.getUpdatedAt(), r.getFeedUpdatedAt());
    return new StoredItem(
        r.getId(),
        r.getSourceId(),
        r.getIdentityHash(),
        present(r.getGuid()),
        present(r.getLink()),
        present(r.getTitle()),
        present(r.getAuthor()),
        authors(r.getAuthorsJson()),
        present(r.getSummaryHtml()),
        present(r.getSummaryText()),
        content,
        strings(r.getCategoriesJson()),
        enclosures(r.getEnclosuresJson()),
        present(r.getImageUrl()),
        present(r.getComments()),
        Times.instant(r.getPublishedAt()),
        updated,
        Times.instant(r.getFirstSeenAt()),
        r.getStoryId() == null ? OptionalLong.empty() : OptionalLong.of(r.getStoryId()),
        alsoFrom);
  }

  /**
   * An item's updated time as feeds show it: the later of its edit here ({@code updated_at})
   * and the feed's own updated date ({@code feed_updated_at}).
   */
  static Optional<java.time.Instant> updated(java.time.LocalDateTime updatedAt,
      java.time.LocalDateTime feedUpdatedAt) {
    Optional<java.time.Instant> edited = Optional.ofNullable(Times.instant(updatedAt));
    Optional<java.time.Instant> feedUpdated = Optional.ofNullable(Times.instant(feedUpdatedAt));
    return edited.isPresent() && feedUpdated.isPresent()
        ? Optional.of(edited.get().isAfter(feedUpdated.get()) ? edited.get() : feedUpdated.get())
        : edited.or(() -> feedUpdated);
  }

  static Optional<String> present(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  private static JsonNode tree(String json) {
    if (json == null || json.isBlank()) {
      return JSON.createArrayNode();
    }
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      // Written by record() above; unreadable means an old bug or a hand edit, and
      // one bad column must not take the whole feed down.
      return JSON.createArrayNode();
    }
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : present(v.asText());
  }

  static List<String> strings(String json) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : tree(json)) {
      if (n.isTextual() && !n.asText().isBlank()) {
        out.add(n.asText());
      }
    }
    return out;
  }

  static List<Person> authors(String json) {
    List<Person> out = new ArrayList<>();
    for (JsonNode n : tree(json)) {
      Person p = new Person(text(n, "name"), text(n, "email"), text(n, "uri"));
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  static List<Enclosure> enclosures(String json) {
    List<Enclosure> out = new ArrayList<>();
    for (JsonNode n : tree(json)) {
      Optional<String> url = text(n, "url");
      if (url.isPresent()) {
        JsonNode len = n.get("length");
        out.add(new Enclosure(url.get(), text(n, "type"),
            len != null && len.canConvertToLong() && len.asLong() >= 0
                ? OptionalLong.of(len.asLong()) : OptionalLong.empty()));
      }
    }
    return out;
  }
}
