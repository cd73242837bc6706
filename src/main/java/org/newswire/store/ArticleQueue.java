package org.newswire.store;

import static org.newswire.store.generated.Tables.ITEM;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.newswire.model.FinishedArticle;

/**
 * Items of full-text sources whose article page is still to be fetched. Claimed like sources:
 * {@code FOR UPDATE SKIP LOCKED}, with {@code article_next_at} doubling as the lease, so several
 * processes share the work and a dead one's claims come back by themselves.
 */
public final class ArticleQueue {
  // item.article_status values.
  static final String PENDING = "pending";
  static final String DONE = "done";
  static final String FAILED = "failed";

  private final DSLContext dsl;

  ArticleQueue(DSLContext dsl) {
    this.dsl = dsl;
  }

  public List<ArticleJob> claim(int max, Instant now, Duration lease) {
    if (max <= 0) {
      return List.of();
    }
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        List<ArticleJob> jobs = tx.select(ITEM.ID, ITEM.SOURCE_ID, ITEM.LINK,
                ITEM.ARTICLE_ATTEMPTS, ITEM.PUBLISHED_GUESSED)
            .from(ITEM)
            .where(ITEM.ARTICLE_STATUS.eq(PENDING))
            .and(ITEM.ARTICLE_NEXT_AT.le(Times.utc(now)))
            .orderBy(ITEM.ARTICLE_NEXT_AT)
            .limit(max)
            .forUpdate().skipLocked()
            .fetch(r -> new ArticleJob(r.value1(), r.value2(), Optional.ofNullable(r.value3()),
                r.value4(), r.value5()));
        if (!jobs.isEmpty()) {
          tx.update(ITEM).set(ITEM.ARTICLE_NEXT_AT, Times.utc(now.plus(lease)))
              .where(ITEM.ID.in(jobs.stream().map(ArticleJob::itemId).toList()))
              .execute();
        }
        return jobs;
      });
    } catch (DataAccessException e) {
      throw new StoreException("claiming article pages failed: "
          + Database.reason(e), e);
    }
  }

  /**
   * Stores the finished article. Its publication time replaces the first-seen time of an item
   * whose feed gave no date; {@code updated_at} moves so that the merged feed picks it up.
   */
  public void done(ArticleJob job, FinishedArticle article, Instant now) {
    Optional<Instant> published = article.published();
    try {
      var update = dsl.update(ITEM)
          .set(ITEM.ARTICLE_STATUS, DONE)
          .set(ITEM.ARTICLE_HTML, article.html().orElse(null))
          .set(ITEM.ARTICLE_TEXT, article.text().orElse(null))
          .set(ITEM.ARTICLE_METHOD, article.method().orElse(null))
          .set(ITEM.DATELINE_PLACE, article.datelinePlace().orElse(null))
          .set(ITEM.DATELINE_AGENCY, article.datelineAgency().orElse(null))
          .set(ITEM.ARTICLE_ERROR, (String) null)
          .set(ITEM.ARTICLE_ATTEMPTS, job.attempts() + 1)
          .set(ITEM.ARTICLE_NEXT_AT, (java.time.LocalDateTime) null)
          .set(ITEM.UPDATED_AT, Times.utc(now));
      if (job.publishedGuessed() && published.isPresent()) {
        update = update.set(ITEM.PUBLISHED_AT, Times.utc(published.get()))
            .set(ITEM.PUBLISHED_GUESSED, false);
      }
      update.where(ITEM.ID.eq(job.itemId())).execute();
    } catch (DataAccessException e) {
      throw new StoreException("storing the article of item " + job.itemId() + " failed: "
          + Database.reason(e), e);
    }
  }

  /** Records why the page failed; {@code retryAt} empty means give up (the summary stays). */
  public void failed(ArticleJob job, String reason, Optional<Instant> retryAt) {
    try {
      dsl.update(ITEM)
          .set(ITEM.ARTICLE_STATUS, retryAt.isPresent() ? PENDING
              : FAILED)
          .set(ITEM.ARTICLE_ERROR, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
          .set(ITEM.ARTICLE_ATTEMPTS, job.attempts() + 1)
          .set(ITEM.ARTICLE_NEXT_AT, Times.utc(retryAt.orElse(null)))
          .where(ITEM.ID.eq(job.itemId()))
          .execute();
    } catch (DataAccessException e) {
      throw new StoreException("recording the article failure of item " + job.itemId()
          + " failed: " + Database.reason(e), e);
    }
  }
}
