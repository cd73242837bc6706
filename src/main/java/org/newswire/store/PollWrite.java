package org.newswire.store;

import java.util.List;
import java.util.Map;
import org.newswire.model.FinishedItem;

/**
 * Everything one poll writes, committed in one transaction: the items that are new or changed,
 * the story evidence of new items (by identity hash; an item without gets a story of its own)
 * with the rules that place them, and the source's new state. Either all of it lands or none
 * of it does.
 */
public record PollWrite(SourceState state, List<FinishedItem> items,
    Map<String, StoryInput> stories, StoryRules rules) {
  public PollWrite {
    items = List.copyOf(items);
    stories = Map.copyOf(stories);
  }

  /** A poll whose items each get a story of their own. */
  public PollWrite(SourceState state, List<FinishedItem> items) {
    this(state, items, Map.of(), StoryRules.OWN);
  }
}
