package org.newswire.store;

import java.time.Instant;

/** A source claimed for polling, and when it fell due (for the scheduler-lag metric). */
public record Claim(String sourceId, Instant dueAt) {}
