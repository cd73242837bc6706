package org.newswire.config;

import java.time.Duration;

/**
 * How {@code newswire run} polls.
 *
 * @param threads polls in flight at once
 * @param tick how often the dispatcher looks for due sources
 * @param maxInterval the longest a quiet source may go unpolled when the feed asks for less
 * @param lease how long a claim on a source lasts before another process may take it over
 * @param retentionDays items older than this are deleted (0 keeps everything)
 */
public record SchedulerSettings(
    int threads, Duration tick, Duration maxInterval, Duration lease, int retentionDays) {

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(8, Duration.ofSeconds(5), Duration.ofHours(6),
        Duration.ofMinutes(1), 90);
  }
}
