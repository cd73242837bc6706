package org.newswire.store;

import java.util.List;
import org.newswire.model.FinishedItem;

/**
 * Everything one poll writes, committed in one transaction: the items that are new or changed
 * and the source's new state. Either all of it lands or none of it does.
 */
public record PollWrite(SourceState state, List<FinishedItem> items) {
  public PollWrite {
    items = List.copyOf(items);
  }
}
