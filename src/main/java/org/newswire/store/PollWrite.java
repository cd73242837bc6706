package org.newswire.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newswire.model.FinishedItem;

/**
 * Everything one poll writes, committed in one transaction: the items that are new or changed,
 * the story evidence of new items (by identity hash; an item without gets a story of its own)
 * with the rules that place them, and the source's new state. Either all of it lands or none
 * of it does.
 *
 * @param known what the store held under the items' identities when this poll read them
 *     ({@link FeedStore#knownItems}: content hashes, "" for a tombstone, absent when nothing),
 *     so that the write need not read them again; empty, the write reads them itself
 */
public record PollWrite(SourceState state, List<FinishedItem> items,
    Map<String, StoryInput> stories, StoryRules rules, Optional<Map<String, String>> known) {
  public PollWrite {
    items = List.copyOf(items);
    stories = Map.copyOf(stories);
    known = known.map(Map::copyOf);
  }

  public PollWrite(SourceState state, List<FinishedItem> items,
      Map<String, StoryInput> stories, StoryRules rules) {
    this(state, items, stories, rules, Optional.empty());
  }

  /** A poll whose items each get a story of their own. */
  public PollWrite(SourceState state, List<FinishedItem> items) {
    this(state, items, Map.of(), StoryRules.OWN);
  }

  /**
   * This write with the poll's own read of the store under its items' identities: it must
   * cover every item's identity, read while the poll held its source's claim.
   */
  public PollWrite withKnown(Map<String, String> read) {
    return new PollWrite(state, items, stories, rules, Optional.of(read));
  }
}
