package org.newswire.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.FeedInfo;
import org.newswire.model.ParsedFeed;
import org.newswire.model.Person;

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/); Rome has no reader for it. */
final class JsonFeedReader {
  /** The same depth bound as XML ({@link DepthLimit}): Jackson stops reading past it. */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(DepthLimit.MAX_DEPTH).build())
      .build());

  private JsonFeedReader() {}

  static ParseResult read(String text, Charset charset, ParseContext ctx) {
    JsonNode root;
    JsonParser parser = null;
    try {
      parser = JSON.createParser(text);
      root = JSON.readTree(parser);
    } catch (StreamConstraintsException e) {
      // Nesting depth, number or string length: Jackson stopped reading, linear so far.
      return new ParseResult.Unreadable("not a feed: JSON over a reading limit at line "
          + parser.currentLocation().getLineNr() + ": "
          + XmlDocuments.oneLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      return new ParseResult.Unreadable("not valid JSON: "
          + XmlDocuments.oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String reader does no I/O
    }
    if (root == null || !root.isObject() || !root.path("items").isArray()) {
      return new ParseResult.Unreadable("not a JSON Feed: no \"items\" array");
    }
    String version = str(root, "version");
    String format = version != null && version.endsWith("/1") ? "json_1.0" : "json_1.1";
    URI base = ctx.baseUrl().orElse(null);
    List<Person> feedAuthors = authors(root);
    FeedInfo info = new FeedInfo(opt(escape(str(root, "title"))),
        opt(Links.resolve(base, str(root, "home_page_url"))), opt(str(root, "feed_url")),
        opt(escape(str(root, "description"))), Optional.empty(), opt(str(root, "language")),
        Optional.empty(), Optional.empty(),
        feedAuthors.isEmpty() ? Optional.empty() : opt(RomeMapper.display(feedAuthors.get(0))),
        feedAuthors, Optional.empty(),
        opt(Links.resolve(base, first(str(root, "icon"), str(root, "favicon")))), List.of(),
        Optional.empty(), opt(Links.resolve(base, str(root, "feed_url"))));
    List<Entry> entries = new ArrayList<>();
    for (JsonNode item : root.path("items")) {
      entries.add(entry(item, base, ctx));
    }
    return new ParseResult.Parsed(new ParsedFeed(charset.name(), format, info, entries));
  }

  private static Entry entry(JsonNode item, URI base, ParseContext ctx) {
    Entry.Builder b = Entry.builder();
    b.title(escape(str(item, "title")));
    b.link(Links.resolve(base, first(str(item, "url"), str(item, "external_url"))));
    b.id(item.has("id") && !item.get("id").isNull() ? item.get("id").asText() : null);
    b.published(XmlFeedReader.date(str(item, "date_published"), ctx));
    b.updated(XmlFeedReader.date(str(item, "date_modified"), ctx));
    b.summaryHtml(escape(str(item, "summary")));
    b.contentHtml(str(item, "content_html")); // the cleaner resolves against the document URL
    b.contentText(str(item, "content_text"));
    List<Person> authors = authors(item);
    b.authors(authors);
    b.author(authors.isEmpty() ? null : RomeMapper.display(authors.get(0)));
    b.imageUrl(Links.resolve(base, first(str(item, "image"), str(item, "banner_image"))));
    for (JsonNode tag : item.path("tags")) {
      if (tag.isTextual() && !tag.asText().isBlank()) {
        b.addCategory(tag.asText().strip());
      }
    }
    for (JsonNode a : item.path("attachments")) {
      String url = str(a, "url");
      if (url != null) {
        long size = a.path("size_in_bytes").asLong(-1);
        b.addEnclosure(new Enclosure(Links.resolve(base, url), opt(str(a, "mime_type")),
            size > 0 ? OptionalLong.of(size) : OptionalLong.empty()));
      }
    }
    return b.build();
  }

  /** JSON Feed 1.1 "authors" array, or 1.0's single "author" object. */
  private static List<Person> authors(JsonNode node) {
    List<Person> out = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    node.path("authors").forEach(nodes::add);
    if (nodes.isEmpty() && node.path("author").isObject()) {
      nodes.add(node.get("author"));
    }
    for (JsonNode a : nodes) {
      Person p = new Person(opt(str(a, "name")), Optional.empty(), opt(str(a, "url")));
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static String str(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  /** Plain-text JSON fields become HTML-safe text for the cleaner, which treats them as HTML. */
  private static String escape(String s) {
    return s == null ? null : RomeMapper.escape(s);
  }

  private static Optional<String> opt(String s) {
    return XmlFeedReader.opt(s);
  }
}
