package org.newswire.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.newswire.ingest.PollReport;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.model.Source;

/**
 * When to poll a source next.
 * <ul>
 *   <li>Normally after its configured interval, ±10% jitter so that sources configured together
 *       do not stay in lock-step.
 *   <li>Never earlier than the feed or server asks: RSS {@code <ttl>}, Cache-Control max-age,
 *       Expires, Retry-After — each capped at {@code maxInterval} so a bad hint cannot silence
 *       a source for days.
 *   <li>A quiet feed (nothing new for several polls) stretches its interval gradually, up to
 *       {@code maxInterval}; one new item brings it back. A busy feed is never polled more often
 *       than configured.
 *   <li>Failures back off exponentially from the interval, capped at {@link #MAX_BACKOFF}, and
 *       never stop a source for good.
 * </ul>
 */
public final class RefreshRules implements RefreshPolicy {
  static final Duration MAX_BACKOFF = Duration.ofHours(6);
  /** Polls without news before the interval starts to stretch. */
  static final int QUIET_THRESHOLD = 4;
  static final double JITTER = 0.10;

  private final Duration maxInterval;
  private final DoubleSupplier random;

  /** @param random uniform in [0, 1); tests pin it */
  public RefreshRules(Duration maxInterval, DoubleSupplier random) {
    this.maxInterval = maxInterval;
    this.random = random;
  }

  @Override
  public Instant nextPoll(Source source, PollReport report, int failures, int quietPolls,
      Instant now) {
    Duration interval = source.interval();
    Duration wait;
    if (report.outcome().isFailure()) {
      wait = backoff(interval, failures);
    } else {
      wait = jittered(stretched(interval, quietPolls));
    }
    Duration asked = serverHint(report, now).map(this::capped).orElse(Duration.ZERO);
    return now.plus(max(wait, asked));
  }

  private static Duration backoff(Duration interval, int failures) {
    // interval, 2×, 4×, … — computed in seconds and clamped before it can overflow
    long seconds = interval.toSeconds();
    for (int i = 1; i < failures && seconds < MAX_BACKOFF.toSeconds(); i++) {
      seconds *= 2;
    }
    return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
  }

  private Duration stretched(Duration interval, int quietPolls) {
    if (quietPolls <= QUIET_THRESHOLD || interval.compareTo(maxInterval) >= 0) {
      return interval;
    }
    // +25% of the interval per quiet poll beyond the threshold, up to maxInterval.
    long extra = interval.toMillis() / 4 * (quietPolls - QUIET_THRESHOLD);
    return min(interval.plusMillis(extra), maxInterval);
  }

  private Duration jittered(Duration d) {
    double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(d.toMillis() * factor));
  }

  private static Optional<Duration> serverHint(PollReport r, Instant now) {
    Optional<Duration> hint = Optional.empty();
    hint = longer(hint, r.ttl());
    hint = longer(hint, r.maxAge());
    hint = longer(hint, r.expires().map(e -> Duration.between(now, e)));
    hint = longer(hint, r.retryAfter().map(e -> Duration.between(now, e)));
    return hint.filter(d -> !d.isNegative());
  }

  private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : Optional.of(max(a.get(), b.get()));
  }

  private Duration capped(Duration d) {
    return min(d, maxInterval);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
