package org.newswire.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.newswire.model.Enclosure;
import org.newswire.model.Person;
import org.newswire.model.StoredItem;
import org.newswire.store.generated.tables.records.ItemRecord;

/** An item row as a {@link StoredItem}; the JSON columns are the ones ingest writes. */
final class ItemRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ItemRows() {}

  static StoredItem toItem(ItemRecord r, List<StoredItem.Report> alsoFrom) {
    // The full article when extraction found one, else the feed's own content.
    Optional<String> content = present(r.getArticleHtml()).or(() -> present(r.getContentHtml()));
    Optional<java.time.Instant> edited = Optional.ofNullable(Times.instant(r.getUpdatedAt()));
    Optional<java.time.Instant> feedUpdated =
        Optional.ofNullable(Times.instant(r.getFeedUpdatedAt()));
    Optional<java.time.Instant> updated = edited.isPresent() && feedUpdated.isPresent()
        ? Optional.of(edited.get().isAfter(feedUpdated.get()) ? edited.get() : feedUpdated.get())
        : edited.or(() -> feedUpdated);
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
      // Written by ingest from our own records; unreadable means a bug there, not here, and
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
