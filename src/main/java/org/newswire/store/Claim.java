package org.newswire.store;

import java.time.Instant;

/**
 * A source claimed for polling: when it fell due (for the scheduler-lag metric) and its state as
 * of the claim, which no other process can change while the claim holds, so the poll needs no
 * second read.
 */
public record Claim(String sourceId, Instant dueAt, SourceState state) {}
