package org.newswire.publish;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.newswire.config.HttpSettings;
import org.newswire.model.Source;
import org.newswire.model.StoredItem;
import org.newswire.store.ItemQueries;
import org.newswire.search.SearchIndex;
import org.newswire.search.SearchRefusedException;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged feed's documents, rendered from stored items and cached per query.
 *
 * <p>The cache is dropped when {@link #invalidate()} is called (ingest does, after a poll that
 * stored something) and when the store's {@link ItemQueries#latestChange() latest change}
 * differs from the last one seen, checked at most once per {@code checkInterval}; the second
 * keeps several processes on one database coherent. A new {@code sources} list (a config
 * reload) also drops it. The supplier should return the same list instance until the
 * configuration changes: a new instance each call costs a comparison per request.
 *
 * <p>The last document rendered for each query is kept apart from the cache, through
 * invalidations: while the database does not answer, a request gets that copy ({@link Stale})
 * at once instead of waiting for the pool and a 503. Only one request per check interval probes
 * the database meanwhile; a query never rendered before is the only 503.
 */
public final class Publisher {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  private static final int MAX_CACHED = 2_000;
  /**
   * Bytes of rendered search entries kept (see EntryCache): ~4 KB an entry with its content,
   * so the newest few thousand items, which most searches show.
   */
  private static final long ENTRY_CACHE_BYTES = 24L << 20;

  /** What a request gets: a document or a reason, one line, fit to show a reader. */
  public sealed interface Outcome {}

  public record Rendered(Document document) implements Outcome {}

  /** An older copy, served because the database does not answer; {@code age} since rendered. */
  public record Stale(Document document, Duration age) implements Outcome {}

  public record BadRequest(String reason) implements Outcome {}

  public record NotFound(String reason) implements Outcome {}

  public record Unavailable(String reason) implements Outcome {}

  private final ItemQueries items;
  private final Optional<SearchIndex> search;
  private final HttpSettings http;
  private final Supplier<List<Source>> sources;
  private final Clock clock;
  private final DocumentCache<FeedQuery> cache = new DocumentCache<>(MAX_CACHED);
  private final DocumentCache<StoryPages.Key> stories = new DocumentCache<>(MAX_CACHED);
  private final EntryCache entries = new EntryCache(ENTRY_CACHE_BYTES);
  private final LastGoodCopies lastGood;
  private final StoreWatch store;
  private volatile List<Source> lastSources;
  private volatile Map<String, Source> byId = Map.of();

  /**
   * @param search answers {@code q=} (empty: searches are refused with a 503); its applied
   *     changes drop the cache, as the store's do
   */
  public Publisher(ItemQueries items, Optional<SearchIndex> search, HttpSettings http,
      Supplier<List<Source>> sources, Clock clock, Duration checkInterval) {
    this.items = items;
    this.search = search;
    search.ifPresent(s -> s.onApplied(this::invalidate));
    this.http = http;
    this.sources = sources;
    this.clock = clock;
    this.lastGood = new LastGoodCopies(clock, MAX_CACHED);
    this.store = new StoreWatch(items, clock, checkInterval, this::invalidate);
  }

  public Publisher(ItemQueries items, HttpSettings http, Supplier<List<Source>> sources,
      Clock clock, Duration checkInterval) {
    this(items, Optional.empty(), http, sources, clock, checkInterval);
  }

  /** System clock; the store is asked for changes at most once a second. */
  public Publisher(ItemQueries items, Optional<SearchIndex> search, HttpSettings http,
      Supplier<List<Source>> sources) {
    this(items, search, http, sources, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  /** Without search; the store is asked for changes at most once a second. */
  public Publisher(ItemQueries items, HttpSettings http, Supplier<List<Source>> sources) {
    this(items, Optional.empty(), http, sources);
  }

  /** The Content-Security-Policy the HTML page needs (no script; its one style by hash). */
  public static String contentSecurityPolicy() {
    return HtmlPage.CSP;
  }

  /** Drops every cached document; call after storing new, edited or deleted items. */
  public void invalidate() {
    cache.invalidate();
    stories.invalidate();
  }

  /**
   * The answer when it needs no I/O (a cached document, or a rejected request), else empty and
   * the caller should {@link #render} on a thread that may block. Lets the server answer most
   * requests on the I/O thread, without a hand-off.
   */
  public Optional<Outcome> renderIfCached(Format format, Optional<String> sourceId,
      Map<String, List<String>> params, Supplier<URI> requestBase) {
    // A due change check sends one request to render(), which runs it; the others keep being
    // answered from the cache meanwhile instead of all queueing behind it.
    if (store.claim()) {
      return Optional.empty();
    }
    currentSources(); // no I/O: a changed source list is taken in here
    Requests.Parsed parsed = parse(format, sourceId, params, requestBase);
    if (parsed instanceof Requests.Invalid i) {
      return Optional.of(new BadRequest(i.reason()));
    }
    if (parsed instanceof Requests.Unknown u) {
      return Optional.of(new NotFound(u.reason()));
    }
    FeedQuery key = ((Requests.Valid) parsed).key();
    if (key.q().isPresent() && search.filter(SearchIndex::behind).isPresent()) {
      return Optional.empty(); // the index has changes to show first: render() refreshes it
    }
    Optional<Outcome> cached = cache.peek(key).map(Rendered::new);
    return store.down() && cached.isEmpty() ? stale(key) : cached;
  }

  /**
   * As {@link #renderIfCached} for a story page.
   *
   * @param segment what follows {@code /stories/}: {@code 123} or {@code 123.json}
   */
  public Optional<Outcome> storyIfCached(String segment, Supplier<URI> requestBase) {
    if (store.claim()) {
      return Optional.empty();
    }
    currentSources();
    Optional<StoryPages.Key> key = StoryPages.parse(segment, base(requestBase));
    if (key.isEmpty()) {
      return Optional.of(notAStory(segment));
    }
    return stories.peek(key.get()).map(Rendered::new);
  }

  /** {@code GET /stories/{id}} and {@code /stories/{id}.json}; cached like the feeds. */
  public Outcome renderStory(String segment, Supplier<URI> requestBase) {
    Map<String, Source> known = currentSources();
    StoreWatch.Check check = store.check();
    Optional<StoryPages.Key> parsed = StoryPages.parse(segment, base(requestBase));
    if (parsed.isEmpty()) {
      return notAStory(segment);
    }
    StoryPages.Key key = parsed.get();
    if (store.unreachable(check)) {
      return stories.peek(key).<Outcome>map(Rendered::new).orElseGet(Publisher::unavailable);
    }
    try {
      return new Rendered(stories.get(key, () -> StoryPages.render(key,
          items.story(key.id()).orElseThrow(StoryPages.NoSuchStory::new), known,
          http.feedTitle())));
    } catch (StoryPages.NoSuchStory e) {
      return new NotFound("no story " + key.id());
    } catch (StoreException e) {
      store.failed();
      log.warn("cannot render story {}: {}", key.id(), e.getMessage());
      return unavailable();
    }
  }

  private static Outcome notAStory(String segment) {
    return new BadRequest("'" + Requests.printable(segment)
        + "' is not a story id (a number, optionally followed by .json)");
  }

  private URI base(Supplier<URI> requestBase) {
    return http.publicUrl().orElseGet(requestBase);
  }

  private Requests.Parsed parse(Format format, Optional<String> sourceId,
      Map<String, List<String>> params, Supplier<URI> requestBase) {
    URI base = base(requestBase);
    return format == Format.OPML
        ? Requests.parse(format, Optional.empty(), Map.of(), base, byId, Set.of())
        : Requests.parse(format, sourceId, params, base, byId, store.storedSources());
  }

  /**
   * @param sourceId the {@code {id}} of {@code /sources/{id}/feed.*}, else empty
   * @param params the query parameters, each name with its values in order
   * @param requestBase scheme://host[:port] the request came to, asked for only when
   *     {@code http.public_url} is not set
   */
  public Outcome render(Format format, Optional<String> sourceId,
      Map<String, List<String>> params, Supplier<URI> requestBase) {
    Map<String, Source> known = currentSources();
    StoreWatch.Check check = store.check();
    Requests.Parsed parsed = parse(format, sourceId, params, requestBase);
    try {
      if (parsed instanceof Requests.Invalid i) {
        return new BadRequest(i.reason());
      }
      if (parsed instanceof Requests.Unknown u) {
        return new NotFound(u.reason());
      }
      Requests.Valid valid = (Requests.Valid) parsed;
      FeedQuery key = valid.key();
      boolean needsStore = key.format() != Format.OPML;
      if (needsStore && (store.unreachable(check))) {
        // The store just failed us, or another request is finding out whether it is back:
        // answer now rather than queue for a connection that is not coming.
        return cache.peek(key).<Outcome>map(Rendered::new).or(() -> stale(key))
            .orElseGet(Publisher::unavailable);
      }
      if (valid.search().isPresent()) {
        // An index whose refresh is due (search-idle, or late) shows what it has written now,
        // before the cache is asked (its refresh drops the cached pages).
        search.ifPresent(SearchIndex::catchUp);
      }
      Document doc;
      try {
        doc = cache.get(key, () -> key.format() == Format.OPML
            ? Documents.opml(http.feedTitle(), known.values())
            : valid.search().isPresent() ? searchResult(valid, known)
            : Documents.feed(view(valid, known)));
      } catch (StoreException e) {
        store.failed();
        log.warn("cannot render {}: {}", format, e.getMessage());
        return stale(key).orElseGet(Publisher::unavailable);
      }
      lastGood.keep(key, doc);
      return new Rendered(doc);
    } catch (SearchRefusedException e) {
      log.debug("search refused ({}): {}", e.kind(), e.getMessage());
      return e.kind() == SearchRefusedException.Kind.MALFORMED ? new BadRequest(e.getMessage())
          : new Unavailable(e.getMessage());
    }
  }

  private Optional<Outcome> stale(FeedQuery key) {
    return lastGood.stale(key).map(Outcome.class::cast);
  }

  private static Outcome unavailable() {
    return new Unavailable("the database is not answering; try again shortly");
  }

  private FeedView view(Requests.Valid valid, Map<String, Source> known) {
    FeedQuery key = valid.key();
    ItemQueries.Page page = items.page(valid.query());
    List<EntryView> views = page.items().stream().map(i -> EntryView.of(i, known, key.base()))
        .toList();
    Optional<Instant> updated = views.stream().map(EntryView::updated).max(Instant::compareTo);
    return feedView(key, known, updated, page.next(), page.stored(), views);
  }

  /**
   * The feed's own parts; {@code stored} is the page's Last-Modified when it shows entries,
   * {@code updated} its newest entry's change.
   */
  private FeedView feedView(FeedQuery key, Map<String, Source> known, Optional<Instant> updated,
      Optional<ItemQueries.Cursor> cursor, Optional<Instant> stored, List<EntryView> entries) {
    String title = http.feedTitle() + key.pathSource()
        .map(id -> " — " + EntryView.agency(id, Optional.empty(), known).title()).orElse("");
    String id = http.feedId() + key.pathSource().map(s -> ":source:" + s).orElse("");
    Optional<String> next = cursor
        .map(c -> key.url(key.format(), Optional.of(Cursors.encode(c))));
    return new FeedView(Text.line(title), id, key.selfUrl(),
        Links.resolve(key.base(), "/"), next, updated.orElseGet(store::emptySince),
        updated.isEmpty() ? Optional.empty() : stored, entries, key);
  }

  /**
   * A search's page: the index picks the items, in order; the store outlines them, and only
   * the entries not already rendered (EntryCache) are read in full and rendered.
   */
  private Document searchResult(Requests.Valid valid, Map<String, Source> known) {
    FeedQuery key = valid.key();
    ItemQueries.Query query = valid.query();
    SearchIndex index = search.orElseThrow(() -> new SearchRefusedException(
        SearchRefusedException.Kind.NOT_READY, "search is not enabled on this server"));
    SearchIndex.Hits hits = index.search(valid.search().get(), query.sourceIds(),
        query.before().map(c -> new SearchIndex.After(c.publishedAt(), c.rowId())),
        query.limit(), query.grouped());
    ItemQueries.Outline outline = items.outline(hits.ids(), hits.more());
    Optional<Instant> updated = outline.stamps().stream().map(ItemQueries.Stamp::lastChange)
        .max(Instant::compareTo);
    if (!Documents.rendersEntriesAlone(key.format())) {
      Map<Long, StoredItem> content = items.contents(outline.stamps());
      List<EntryView> views = outline.stamps().stream()
          .map(st -> content.get(st.rowId())).filter(java.util.Objects::nonNull)
          .map(i -> EntryView.of(i, known, key.base())).toList();
      return Documents.feed(feedView(key, known, updated, outline.next(), outline.stored(),
          views));
    }
    List<Documents.Entry> parts = entries.render(key.format(), key.base(), known,
        outline.stamps(), items::contents);
    return Documents.searchPage(feedView(key, known, updated, outline.next(), outline.stored(),
        List.of()), parts);
  }

  private Map<String, Source> currentSources() {
    List<Source> now = sources.get();
    if (now != lastSources) {
      synchronized (this) {
        if (now != lastSources) {
          if (lastSources == null || !now.equals(lastSources)) {
            Map<String, Source> m = new LinkedHashMap<>();
            now.forEach(s -> m.put(s.id(), s));
            byId = java.util.Collections.unmodifiableMap(m); // config order, for OPML
            entries.sources(byId); // entries show the sources' titles and URLs
            invalidate();
          }
          lastSources = now;
        }
      }
    }
    return byId;
  }

  int cachedDocuments() {
    return cache.size();
  }
}
