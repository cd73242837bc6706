package org.newswire.ingest;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newswire.clean.FeedCleaner;
import org.newswire.clean.HtmlSanitizer;
import org.newswire.clean.Urls;
import org.newswire.dedup.Identities;
import org.newswire.dedup.Identity;
import org.newswire.fulltext.Article;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.model.Entry;
import org.newswire.model.FinishedArticle;
import org.newswire.model.FinishedItem;
import org.newswire.model.Source;

/**
 * The one place an item is finished, for both ways its text arrives: the feed (a poll) and the
 * article page (see {@link ArticleFetcher}). Here, once: the canonical URL and the identity, the
 * HTML sanitized (last: nothing after this sanitizes or parses it again; {@code publish} renders
 * what is stored), the dateline taken from the article, and — the slot for story matching —
 * the story evidence of the final text. Pure: no I/O; thread-safe.
 */
public final class ItemFinisher {
  private static final int MAX_URL = 2048;

  private final ArticleExtractor extractor;

  public ItemFinisher(ArticleExtractor extractor) {
    this.extractor = extractor;
  }

  /**
   * A raw entry with its identity, canonical URL and content hash: what a poll needs to tell
   * new and edited entries from unchanged ones before any cleaning.
   *
   * @param contentHash hash of the raw entry (so that re-polls compare like with like)
   */
  public record Identified(Entry entry, Identity identity, Optional<String> canonicalUrl,
      String contentHash) {}

  /** Identities of one feed document's raw entries, in order; each link canonicalised once. */
  public static List<Identified> identify(List<Entry> entries) {
    Map<String, Optional<String>> canonical = new HashMap<>();
    List<Identity> ids = Identities.of(entries,
        link -> canonical.computeIfAbsent(link, Urls::canonical));
    List<Identified> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      out.add(new Identified(e, ids.get(i),
          e.link().flatMap(l -> canonical.computeIfAbsent(l, Urls::canonical)),
          Identities.contentHash(e)));
    }
    return out;
  }

  /**
   * Finishes the new and edited entries of one poll.
   *
   * @param todo entries to store, as {@link #identify} returned them
   * @param isNew per entry of {@code todo}: not stored yet (only new items get an article)
   * @param base the document's URL, for relative URLs the parser left
   * @param firstSeen the poll's time, standing in for a missing publication date
   */
  public List<FinishedItem> finishPolled(Source source, List<Identified> todo,
      List<Boolean> isNew, URI base, Instant firstSeen) {
    if (todo.isEmpty()) {
      return List.of();
    }
    String b = base.toString();
    List<FinishedItem> out = new ArrayList<>(todo.size());
    for (int k = 0; k < todo.size(); k++) {
      Entry e = FeedCleaner.cleanEntry(todo.get(k).entry(), b);
      Optional<FinishedArticle> article = isNew.get(k) && source.fulltext()
          ? Optional.of(extractor.fromFeed(e).map(a -> finishArticle(a, source.timezone()))
              .orElseGet(FinishedArticle::pending))
          : Optional.empty();
      out.add(item(e, todo.get(k), firstSeen, article));
    }
    return out;
  }

  /**
   * Finishes an article taken from the item's page (or its feed): the HTML sanitized against
   * the page's address, the dateline's place and agency, the publication time it gives.
   */
  public static FinishedArticle finishArticle(Article a, ZoneId zone) {
    // From the feed the HTML is the cleaned entry's, safe already; a page's is raw.
    String html = a.method() == Article.Method.FEED ? a.contentHtml()
        : HtmlSanitizer.sanitize(a.contentHtml(), a.baseUri());
    Optional<Instant> published = a.published().or(() -> a.dateline()
        .flatMap(Article.Dateline::date).map(d -> d.atStartOfDay(zone).toInstant()));
    return new FinishedArticle(FinishedArticle.Status.DONE, Optional.of(html),
        Optional.of(a.contentText()), Optional.of(a.method().label()),
        a.dateline().map(Article.Dateline::place).map(p -> truncate(p, 128)),
        a.dateline().flatMap(Article.Dateline::agency).map(p -> truncate(p, 128)),
        published);
  }

  private static FinishedItem item(Entry e, Identified id, Instant firstSeen,
      Optional<FinishedArticle> article) {
    Optional<Instant> published = e.published().or(e::updated);
    Optional<String> canonical = id.canonicalUrl().filter(l -> l.length() <= MAX_URL);
    // Story evidence needs the source's line statistics from the store, so StoryStage computes
    // it from this finished text, on both paths, right after this step.
    return FinishedItem.builder(id.identity().hash(), id.identity().kind().label(),
            id.contentHash(), published.orElse(firstSeen))
        .guid(e.id().map(s -> truncate(s, MAX_URL)).orElse(null))
        .link(e.link().filter(l -> l.length() <= MAX_URL).orElse(null))
        .canonicalUrl(canonical.orElse(null), canonical.map(Identities::sha256).orElse(null))
        .title(e.title().orElse(null))
        .author(e.author().map(s -> truncate(s, 1024)).orElse(null))
        .authors(e.authors())
        .summaryHtml(e.summaryHtml().orElse(null))
        .summaryText(e.summaryText().orElse(null))
        .contentHtml(e.contentHtml().orElse(null))
        .contentText(e.contentText().orElse(null))
        .categories(e.categories())
        .enclosures(e.enclosures())
        .comments(e.comments().filter(l -> l.length() <= MAX_URL).orElse(null))
        .imageUrl(e.imageUrl().filter(l -> l.length() <= MAX_URL).orElse(null))
        .publishedGuessed(published.isEmpty())
        .feedUpdatedAt(e.updated().orElse(null))
        .article(article.orElse(null))
        .build();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
