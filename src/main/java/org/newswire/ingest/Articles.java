package org.newswire.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.newswire.fulltext.Article;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.model.Entry;
import org.newswire.model.Source;
import org.newswire.store.ArticleData;

/** Full text as the store keeps it. */
final class Articles {
  private Articles() {}

  /**
   * For a new item of a full-text source: the feed's own article when the entry is clearly the
   * whole text, else pending (its page will be fetched). Nothing for other sources.
   */
  static Optional<ArticleData> forNewItem(Source source, Entry cleaned,
      ArticleExtractor extractor) {
    if (!source.fulltext()) {
      return Optional.empty();
    }
    return Optional.of(extractor.fromFeed(cleaned).map(Articles::stored)
        .orElseGet(ArticleData::pending));
  }

  static ArticleData stored(Article a) {
    return new ArticleData(ArticleData.DONE, Optional.of(a.contentHtml()),
        Optional.of(a.contentText()), Optional.of(a.method().label()),
        a.dateline().map(Article.Dateline::place).map(p -> truncate(p, 128)),
        a.dateline().flatMap(Article.Dateline::agency).map(p -> truncate(p, 128)));
  }

  /** The publication time the page gives: its metadata, else the dateline's day. */
  static Optional<Instant> published(Article a, ZoneId zone) {
    return a.published().or(() -> a.dateline().flatMap(Article.Dateline::date)
        .map(d -> d.atStartOfDay(zone).toInstant()));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
