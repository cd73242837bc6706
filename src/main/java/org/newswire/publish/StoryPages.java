package org.newswire.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.newswire.model.Source;
import org.newswire.store.ItemQueries;

/**
 * {@code GET /stories/{id}} (HTML) and {@code /stories/{id}.json}: one story's reports, first
 * seen first, the first being the one the merged feed's entry shows.
 */
final class StoryPages {
  /** A positive decimal of at most 18 digits: always a long, never a leading zero. */
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final String JSON_SUFFIX = ".json";

  /** The cache key: the story, its format, and the base its links start from. */
  record Key(long id, Format format, URI base) {}

  /** A story no item belongs to; thrown inside the cache's render so nothing is cached. */
  static final class NoSuchStory extends RuntimeException {
    NoSuchStory() {
      super(null, null, false, false); // an expected outcome: no stack trace to fill
    }
  }

  private StoryPages() {}

  /** {@code 123} is the HTML page, {@code 123.json} the JSON; anything else is malformed. */
  static Optional<Key> parse(String segment, URI base) {
    boolean json = segment.endsWith(JSON_SUFFIX);
    String id = json ? segment.substring(0, segment.length() - JSON_SUFFIX.length()) : segment;
    if (!ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Key(Long.parseLong(id), json ? Format.STORY_JSON : Format.HTML,
        base));
  }

  static Document render(Key key, ItemQueries.Story story, Map<String, Source> sources,
      String feedTitle) {
    List<EntryView.Report> reports = story.reports().stream()
        .map(r -> EntryView.report(r, sources)).toList();
    byte[] body = key.format() == Format.STORY_JSON
        ? json(key, story, reports)
        : html(key, story, reports, feedTitle).getBytes(StandardCharsets.UTF_8);
    return Documents.pack(key.format(), body, Optional.of(story.stored()));
  }

  private static String url(Key key, String suffix) {
    return EntryView.storyUrl(OptionalLong.of(key.id()), key.base(), suffix).orElseThrow();
  }

  /**
   * {@code id}, {@code url} (the HTML page), {@code title} (the first report's),
   * {@code first_seen}, {@code items} (each: {@code id} — the report's own entry id —
   * {@code source}, {@code source_title}, {@code url}, {@code title}, {@code date_published},
   * {@code first_seen}), {@code more_items} (true when only the first 500 are listed).
   */
  private static byte[] json(Key key, ItemQueries.Story story, List<EntryView.Report> reports) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JsonFeedWriter.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("id", key.id());
      g.writeStringField("url", url(key, ""));
      g.writeStringField("title", reports.get(0).title());
      g.writeStringField("first_seen", FeedView.rfc3339(reports.get(0).firstSeen()));
      g.writeArrayFieldStart("items");
      for (EntryView.Report r : reports) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        JsonFeedWriter.report(g, r);
        g.writeStringField("first_seen", FeedView.rfc3339(r.firstSeen()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("more_items", story.more());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Plain text only, like the index page, under the same Content-Security-Policy. */
  private static String html(Key key, ItemQueries.Story story, List<EntryView.Report> reports,
      String feedTitle) {
    String title = reports.get(0).title();
    StringBuilder b = new StringBuilder(4096);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>")
        .append(HtmlPage.esc(title + " — " + Text.line(feedTitle))).append("</title>\n")
        .append("<link rel=\"alternate\" type=\"application/json\" href=\"")
        .append(HtmlPage.esc(url(key, JSON_SUFFIX))).append("\">\n<style>")
        .append(HtmlPage.STYLE).append("</style>\n</head><body>\n<p><a href=\"")
        .append(HtmlPage.esc(Links.resolve(key.base(), "/"))).append("\">")
        .append(HtmlPage.esc(Text.line(feedTitle))).append("</a></p>\n<h1>")
        .append(HtmlPage.esc(title)).append("</h1>\n<p class=\"meta\">")
        .append(reports.size()).append(story.more() ? "+" : "")
        .append(reports.size() == 1 ? " report" : " reports").append(", first seen ");
    HtmlPage.time(b, reports.get(0).firstSeen());
    b.append("</p>\n<ul>\n");
    for (EntryView.Report r : reports) {
      b.append("<li>");
      if (r.agency().link().isPresent()) {
        b.append("<a href=\"").append(HtmlPage.esc(r.agency().link().get())).append("\">")
            .append(HtmlPage.esc(r.title())).append("</a>");
      } else {
        b.append(HtmlPage.esc(r.title()));
      }
      b.append("\n<div class=\"meta\">").append(HtmlPage.esc(r.agency().title()))
          .append(" · published ");
      HtmlPage.time(b, r.published());
      b.append(" · first seen ");
      HtmlPage.time(b, r.firstSeen());
      b.append("</div></li>\n");
    }
    b.append("</ul>\n");
    if (story.more()) {
      b.append("<p class=\"meta\">Only the first ").append(reports.size())
          .append(" reports are listed.</p>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }
}
