package org.newswire.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.newswire.ingest.PollReport;
import org.newswire.ingest.PollReport.Outcome;
import org.newswire.model.Source;

class RefreshRulesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Source SOURCE = Source.of("kabar", URI.create("https://kabar.kg/rss/"));

  /** random = 0.5 means no jitter. */
  private static RefreshRules rules(double random) {
    return new RefreshRules(Duration.ofHours(6), () -> random);
  }

  private static PollReport report(Outcome outcome, Optional<Duration> ttl,
      Optional<Duration> maxAge, Optional<Instant> expires, Optional<Instant> retryAfter) {
    return new PollReport("kabar", "https://kabar.kg/rss/", outcome, Optional.of(200), 0, 0,
        Optional.empty(), ttl, maxAge, expires, retryAfter, Duration.ZERO, 0);
  }

  private static PollReport ok() {
    return report(Outcome.FETCHED, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private static Duration wait(RefreshRules r, PollReport report, int failures, int quiet) {
    return Duration.between(NOW, r.nextPoll(SOURCE, report, failures, quiet, NOW));
  }

  @Test
  void intervalWithTenPercentJitterEitherWay() {
    assertThat(wait(rules(0.5), ok(), 0, 0)).isEqualTo(Duration.ofMinutes(15));
    assertThat(wait(rules(0.0), ok(), 0, 0)).isEqualTo(Duration.ofMinutes(15).multipliedBy(9)
        .dividedBy(10));
    assertThat(wait(rules(0.999999), ok(), 0, 0)).isBetween(Duration.ofSeconds(989),
        Duration.ofSeconds(990));
  }

  @Test
  void neverEarlierThanTheFeedOrServerAsks() {
    assertThat(wait(rules(0.5), report(Outcome.FETCHED, Optional.of(Duration.ofMinutes(60)),
        Optional.empty(), Optional.empty(), Optional.empty()), 0, 0))
        .isEqualTo(Duration.ofMinutes(60));
    assertThat(wait(rules(0.5), report(Outcome.NOT_MODIFIED, Optional.empty(),
        Optional.of(Duration.ofMinutes(30)), Optional.empty(), Optional.empty()), 0, 0))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(wait(rules(0.5), report(Outcome.FETCHED, Optional.empty(), Optional.empty(),
        Optional.of(NOW.plus(Duration.ofMinutes(45))), Optional.empty()), 0, 0))
        .isEqualTo(Duration.ofMinutes(45));
    // A hint shorter than the interval does not make us poll more often than configured.
    assertThat(wait(rules(0.5), report(Outcome.FETCHED, Optional.of(Duration.ofMinutes(1)),
        Optional.of(Duration.ofSeconds(10)), Optional.empty(), Optional.empty()), 0, 0))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void retryAfterIsHonouredButCapped() {
    PollReport limited = report(Outcome.RATE_LIMITED, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(NOW.plus(Duration.ofHours(2))));
    assertThat(wait(rules(0.5), limited, 1, 0)).isEqualTo(Duration.ofHours(2));
    PollReport absurd = report(Outcome.RATE_LIMITED, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(NOW.plus(Duration.ofDays(30))));
    assertThat(wait(rules(0.5), absurd, 1, 0)).isEqualTo(Duration.ofHours(6));
  }

  @ParameterizedTest
  @CsvSource({"1, 15", "2, 30", "3, 60", "4, 120", "5, 240", "6, 360", "7, 360", "40, 360",
      "2000000000, 360"})
  void failuresBackOffExponentiallyCappedAtSixHours(int failures, long minutes) {
    PollReport failed = report(Outcome.FAILED, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    assertThat(wait(rules(0.5), failed, failures, 0)).isEqualTo(Duration.ofMinutes(minutes));
  }

  @ParameterizedTest
  @CsvSource({"0, 900", "4, 900", "5, 1125", "8, 1800", "100, 21600"})
  void quietFeedsStretchTheirIntervalUpToTheMaximum(int quiet, long seconds) {
    assertThat(wait(rules(0.5), ok(), 0, quiet)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
