package org.newswire.store;

/** How many items a poll stored for the first time and how many it updated in place. */
public record PollCounts(int inserted, int updated) {}
