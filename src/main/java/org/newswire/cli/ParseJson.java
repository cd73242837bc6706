package org.newswire.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.FeedInfo;
import org.newswire.model.ParsedFeed;
import org.newswire.model.Person;

/** The {@code newswire parse} JSON contract: field order fixed, absent values null. */
final class ParseJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParseJson() {}

  /**
   * One input's outcome: a feed, or the one-line reason it could not be read; {@code warnings}
   * say what was read but could not be kept (one line each).
   */
  record Record(String file, String error, ParsedFeed feed, List<String> warnings) {
    Record {
      warnings = List.copyOf(warnings);
    }

    static Record of(String file, ParsedFeed feed, List<String> warnings) {
      return new Record(file, null, feed, warnings);
    }

    static Record error(String file, String reason) {
      return new Record(file, reason, null, List.of());
    }
  }

  static String write(Record r, boolean pretty) {
    ObjectNode o = JSON.createObjectNode();
    o.put("file", r.file());
    o.put("error", r.error());
    o.put("encoding", r.feed() == null ? null : r.feed().encoding());
    // The parser's (values dropped to keep the feed) and the command's (links it cannot resolve).
    List<String> warnings = new java.util.ArrayList<>(
        r.feed() == null ? List.of() : r.feed().warnings());
    warnings.addAll(r.warnings());
    o.set("warnings", strings(warnings));
    if (r.feed() == null) {
      o.putNull("feed");
      o.putArray("entries");
    } else {
      o.set("feed", feed(r.feed().feed()));
      ArrayNode entries = o.putArray("entries");
      r.feed().entries().forEach(e -> entries.add(entry(e)));
    }
    try {
      return pretty
          ? JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o)
          : JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of a tree cannot fail", e);
    }
  }

  private static ObjectNode feed(FeedInfo f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("title", f.title().orElse(null));
    o.put("link", f.link().orElse(null));
    o.put("self", f.self().orElse(null));
    o.put("id", f.id().orElse(null));
    o.put("subtitle", f.subtitle().orElse(null));
    o.put("rights", f.rights().orElse(null));
    o.put("language", f.language().orElse(null));
    o.put("updated", date(f.updated()));
    o.put("published", date(f.published()));
    o.put("author", f.author().orElse(null));
    o.set("authors", people(f.authors()));
    o.put("generator", f.generator().orElse(null));
    o.put("image_url", f.imageUrl().orElse(null));
    o.set("categories", strings(f.categories()));
    return o;
  }

  private static ObjectNode entry(Entry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("title", e.title().orElse(null));
    o.put("link", e.link().orElse(null));
    o.put("id", e.id().orElse(null));
    o.put("published", date(e.published()));
    o.put("updated", date(e.updated()));
    o.put("author", e.author().orElse(null));
    o.set("authors", people(e.authors()));
    o.put("summary_text", e.summaryText().orElse(null));
    o.put("summary_html", e.summaryHtml().orElse(null));
    o.put("content_text", e.contentText().orElse(null));
    o.put("content_html", e.contentHtml().orElse(null));
    ArrayNode enclosures = o.putArray("enclosures");
    for (Enclosure enc : e.enclosures()) {
      ObjectNode x = enclosures.addObject();
      x.put("url", enc.url());
      x.put("type", enc.type().orElse(null));
      if (enc.length().isPresent()) {
        x.put("length", enc.length().getAsLong());
      } else {
        x.putNull("length");
      }
    }
    o.set("categories", strings(e.categories()));
    o.put("comments", e.comments().orElse(null));
    return o;
  }

  private static ArrayNode people(List<Person> people) {
    ArrayNode a = JSON.createArrayNode();
    for (Person p : people) {
      ObjectNode x = a.addObject();
      x.put("name", p.name().orElse(null));
      x.put("email", p.email().orElse(null));
      x.put("uri", p.uri().orElse(null));
    }
    return a;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  /** ISO-8601 in UTC at second precision: 2021-07-03T04:15:00Z. */
  private static String date(Optional<Instant> d) {
    return d.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null);
  }
}
