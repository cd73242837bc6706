package org.newswire.config;

import java.time.Duration;

/**
 * Story detection ({@code stories:} in newswire.yml).
 *
 * @param enabled false: every item is a story of its own (the merged feed shows every item)
 * @param window how far back a new item looks for the story it belongs to
 */
public record StorySettings(boolean enabled, Duration window) {
  /** The longest window: the candidate index keeps this much at most. */
  public static final Duration MAX_WINDOW = Duration.ofDays(30);

  /** The shortest window. */
  public static final Duration MIN_WINDOW = Duration.ofMinutes(1);

  /** A window written as in the config (like 72h or 3d), within the bounds, else empty. */
  public static java.util.Optional<Duration> window(String text) {
    return Section.parseDuration(text)
        .filter(d -> d.compareTo(MIN_WINDOW) >= 0 && d.compareTo(MAX_WINDOW) <= 0);
  }

  public static StorySettings defaults() {
    return new StorySettings(true, Duration.ofHours(72));
  }
}
