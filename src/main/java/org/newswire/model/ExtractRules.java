package org.newswire.model;

import java.util.List;
import java.util.Optional;

/**
 * Per-source overrides for full-text extraction: {@code content} is a CSS selector for the
 * article body, {@code remove} lists selectors whose elements are dropped before extraction.
 */
public record ExtractRules(Optional<String> content, List<String> remove) {

  public ExtractRules {
    remove = List.copyOf(remove);
  }

  public static ExtractRules none() {
    return new ExtractRules(Optional.empty(), List.of());
  }
}
