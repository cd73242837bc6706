package org.newswire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.newswire.config.FetchSettings;
import org.newswire.config.StorySettings;
import org.newswire.dedup.Identities;
import org.newswire.dedup.StoryMatcher;
import org.newswire.fetch.CacheHints;
import org.newswire.fetch.FetchResult;
import org.newswire.fetch.Fetcher;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.PollReport;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.ingest.StoryStage;
import org.newswire.model.Entry;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;
import org.newswire.store.StoryStore;

/**
 * Documents stored the daemon's way into a scratch store: each becomes a one-item JSON Feed
 * that goes through the poll's own path after the fetch (parse, clean, finish, story evidence,
 * candidates, placement) with the clock pinned to the document's time, so that the window works
 * on historical data. Its story is then read back from the store.
 */
final class StoryRun implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One input document; {@code published} empty when the input says null. */
  record Doc(String id, String source, String title, String text, Optional<String> lang,
      Optional<Instant> published, Optional<String> url) {

    /** The fields of the contract only; anything else in the object is ignored. */
    static Doc of(JsonNode n) {
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      String id = text(n, "id").orElseThrow(() -> new IllegalArgumentException("no \"id\""));
      Optional<Instant> published = text(n, "published").map(p -> {
        try {
          return Instant.parse(p);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("\"published\" is not an ISO 8601 instant: " + p);
        }
      });
      return new Doc(id, text(n, "source").orElse(""), text(n, "title").orElse(""),
          text(n, "text").orElse(""), text(n, "lang"), published, text(n, "url"));
    }

    private static Optional<String> text(JsonNode n, String field) {
      JsonNode v = n.get(field);
      return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
  }

  /** A clock the run moves to each document's time. */
  private static final class PinnedClock extends Clock {
    private volatile Instant now = Instant.EPOCH;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final PinnedClock clock = new PinnedClock();
  private final Fetcher unused;
  private final Ingester ingester;
  private final Ingester again;
  private final StoryStore stories;

  StoryRun(Database db, StorySettings settings) {
    this.stories = db.stories();
    // Never used to fetch: the run hands the ingester its documents.
    this.unused = new Fetcher(FetchSettings.defaults());
    StoryStage stage = new StoryStage(new StoryMatcher(), settings.enabled(), settings.window(),
        db.stories(), clock);
    this.ingester = ingester(db, stage);
    this.again = ingester(db, stage.notCountingLines());
  }

  private Ingester ingester(Database db, StoryStage stage) {
    return new Ingester(unused, new FeedParser(), db.feeds(), RefreshPolicy.fixedInterval(),
        clock, FetchSettings.defaults().maxItems(), stage);
  }

  /**
   * Stores {@code doc} as item {@code guid} seen at {@code at}, published at {@code published}
   * (empty: the feed gives no date, as the input's null); returns its story, or the reason it
   * was not stored.
   */
  Result store(Doc doc, String guid, Instant at, Optional<Instant> published) {
    return store(ingester, doc, guid, at, published);
  }

  /**
   * As {@link #store}, for a document stored before under another guid: its lines are not
   * counted into its source's statistics a second time (they would become boilerplate).
   */
  Result storeAgain(Doc doc, String guid, Instant at, Optional<Instant> published) {
    return store(again, doc, guid, at, published);
  }

  private Result store(Ingester ingester, Doc doc, String guid, Instant at,
      Optional<Instant> published) {
    clock.now = at;
    Source source = source(doc);
    ObjectNode item = JSON.createObjectNode();
    item.put("id", guid);
    doc.url().filter(u -> u.startsWith("http://") || u.startsWith("https://"))
        .ifPresent(u -> item.put("url", u));
    item.put("title", doc.title());
    item.put("content_text", doc.text());
    published.ifPresent(p -> item.put("date_published", p.toString()));
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", source.id());
    doc.lang().ifPresent(l -> feed.put("language", l));
    feed.putArray("items").add(item);
    byte[] body = feed.toString().getBytes(StandardCharsets.UTF_8);
    PollReport r = ingester.ingest(source, new FetchResult.Fetched(source.url(), 200, body,
        Optional.of("application/feed+json"), Optional.empty(), Optional.empty(),
        Optional.empty(), CacheHints.none()));
    if (r.outcome().isFailure()) {
      return new Result(Optional.empty(), r.error().orElse(r.outcome().label()));
    }
    String identity = Identities.of(List.of(Entry.builder().id(guid).build()),
        u -> Optional.empty()).get(0).hash();
    Optional<Long> story = Optional.ofNullable(
        stories.storiesOf(source.id(), List.of(identity)).get(identity));
    return new Result(story, story.isPresent() ? "" : "the item was not stored");
  }

  /** The story of a stored document, or why there is none. */
  record Result(Optional<Long> story, String problem) {}

  /** A source per outlet (and language: the source's language is the matcher's hint). */
  private static Source source(Doc doc) {
    String id = doc.source().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    id = id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0)) ? "unknown" + id : id;
    id = id.length() > 64 ? id.substring(0, 64) : id;
    Source s = Source.of(id, URI.create("https://" + id.replace('_', '-') + ".invalid/feed.json"));
    return new Source(s.id(), s.url(), s.title(), s.interval(), doc.lang(), s.categories(),
        s.timezone(), true, false, s.extract(), true);
  }

  @Override
  public void close() {
    unused.close();
  }
}
