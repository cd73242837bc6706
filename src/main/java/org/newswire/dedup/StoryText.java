package org.newswire.dedup;

import java.time.Instant;
import java.util.Optional;

/**
 * What story matching reads of one finished item: plain text only (no HTML), as the finishing
 * step in {@code ingest} has it. {@code text} is the best body known (article text once it has
 * arrived, else the feed's content or summary); paragraphs are separated by {@code \n}.
 *
 * @param lang ISO 639-1 code when the feed or the item says it; matching detects it otherwise
 */
public record StoryText(String sourceId, String title, String text, Optional<String> lang,
    Instant published) {
  public StoryText {
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    lang = lang == null ? Optional.empty() : lang;
  }
}
