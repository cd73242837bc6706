package org.newswire.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.newswire.model.Enclosure;
import org.newswire.model.Person;

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). The agency, the story and its other
 * reports go in the {@code _newswire} extension object (the spec's extension rules: a key
 * starting with an underscore, an object with {@code about}). Written in parts that
 * {@link Documents} puts together: the head, each item on its own, the tail.
 */
final class JsonFeedWriter {
  private static final JsonFactory FACTORY = new JsonFactory()
      .setCharacterEscapes(new HtmlSafeEscapes());

  /**
   * {@code < > &} as {@code \\u003C}-style escapes: the same JSON to any parser, but a title
   * like {@code <script>} stays inert even if someone pastes the feed into a page.
   */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] table = standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      table['<'] = ESCAPE_STANDARD;
      table['>'] = ESCAPE_STANDARD;
      table['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  /** What follows the last item: the items array's and the feed object's ends. */
  private static final byte[] TAIL = "]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  /** Between two items. */
  static final byte[] SEPARATOR = ",".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private JsonFeedWriter() {}

  /** Everything before the first item: the feed's own fields and the items array's start. */
  static void head(FeedView f, Bytes out) throws IOException {
    try (JsonGenerator g = generator(out)) {
      // The object and the array stay open: items, each written on its own, follow.
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      g.writeStartObject();
      g.writeStringField("version", "https://jsonfeed.org/version/1.1");
      g.writeStringField("title", f.title());
      g.writeStringField("home_page_url", f.home());
      g.writeStringField("feed_url", f.self());
      if (f.next().isPresent()) {
        g.writeStringField("next_url", f.next().get());
      }
      g.writeArrayFieldStart("items");
    }
  }

  /** One item, on its own: the same bytes on every page ({@link #SEPARATOR} between two). */
  static void item(EntryView e, Bytes out) throws IOException {
    try (JsonGenerator g = generator(out)) {
      item(g, e);
    }
  }

  static void tail(Bytes out) {
    out.write(TAIL, 0, TAIL.length);
  }

  /** A generator with the feed's escapes: the story page's JSON shares them. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out, JsonEncoding.UTF8);
  }

  private static void item(JsonGenerator g, EntryView e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    if (e.link().isPresent()) {
      g.writeStringField("url", e.link().get());
    }
    g.writeStringField("title", e.title());
    g.writeStringField("content_html", e.contentHtml());
    if (e.summaryText().isPresent()) {
      g.writeStringField("summary", Text.line(e.summaryText().get()));
    }
    if (e.image().isPresent()) {
      g.writeStringField("image", e.image().get());
    }
    g.writeStringField("date_published", FeedView.rfc3339(e.published()));
    g.writeStringField("date_modified", FeedView.rfc3339(e.updated()));
    g.writeArrayFieldStart("authors");
    for (Person p : e.authors()) {
      g.writeStartObject();
      g.writeStringField("name", p.name().or(p::email).map(Text::line).orElse("unknown"));
      Optional<String> url = p.uri().flatMap(u -> Links.absolute(u, Optional.empty()));
      if (url.isPresent()) {
        g.writeStringField("url", url.get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (!e.categories().isEmpty()) {
      g.writeArrayFieldStart("tags");
      for (String c : e.categories()) {
        g.writeString(c);
      }
      g.writeEndArray();
    }
    if (!e.enclosures().isEmpty()) {
      g.writeArrayFieldStart("attachments");
      for (Enclosure x : e.enclosures()) {
        g.writeStartObject();
        g.writeStringField("url", x.url());
        // mime_type is required in an attachment.
        g.writeStringField("mime_type",
            x.type().map(Text::line).orElse("application/octet-stream"));
        if (x.length().isPresent()) {
          g.writeNumberField("size_in_bytes", x.length().getAsLong());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeObjectFieldStart("_newswire");
    g.writeStringField("about", "https://github.com/newswire-aggregator/newswire");
    g.writeFieldName("source");
    agency(g, e.origin());
    if (e.story().isPresent()) {
      g.writeNumberField("story", e.story().getAsLong());
      g.writeStringField("story_url", e.storyUrl().orElseThrow());
    }
    g.writeArrayFieldStart("items");
    for (EntryView.Report r : e.others()) {
      g.writeStartObject();
      report(g, r);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * The fields of one report of a story, in an object already started: {@code source} (id), {@code source_title}, {@code url} (when it has
   * an http(s) link), {@code title}, {@code date_published}; the story page adds {@code id}
   * and {@code first_seen}.
   */
  static void report(JsonGenerator g, EntryView.Report r) throws IOException {
    g.writeStringField("source", r.agency().id());
    g.writeStringField("source_title", r.agency().title());
    if (r.agency().link().isPresent()) {
      g.writeStringField("url", r.agency().link().get());
    }
    g.writeStringField("title", r.title());
    g.writeStringField("date_published", FeedView.rfc3339(r.published()));
  }

  private static void agency(JsonGenerator g, EntryView.Agency a) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", a.id());
    g.writeStringField("title", a.title());
    if (a.feedUrl().isPresent()) {
      g.writeStringField("feed_url", a.feedUrl().get());
    }
    if (a.link().isPresent()) {
      g.writeStringField("url", a.link().get());
    }
    g.writeEndObject();
  }
}
