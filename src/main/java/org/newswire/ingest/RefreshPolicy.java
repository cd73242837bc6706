package org.newswire.ingest;

import java.time.Instant;
import org.newswire.model.Source;

/**
 * When a source should be polled next, given what its last poll did. Lives in {@code schedule};
 * ingest only asks, so that the next-poll time commits in the poll's own transaction.
 */
@FunctionalInterface
public interface RefreshPolicy {
  /**
   * @param consecutiveFailures failed polls in a row, this one included
   * @param quietPolls successful polls in a row that found nothing new, this one included
   */
  Instant nextPoll(Source source, PollReport report, int consecutiveFailures, int quietPolls,
      Instant now);

  /** Every source at its configured interval, failures included (tools and tests). */
  static RefreshPolicy fixedInterval() {
    return (source, report, failures, quiet, now) -> now.plus(source.interval());
  }
}
