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

  public static StorySettings defaults() {
    return new StorySettings(true, Duration.ofHours(72));
  }
}
