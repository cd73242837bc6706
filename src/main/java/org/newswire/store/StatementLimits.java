package org.newswire.store;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * How large the multi-row statements of a write may be: a fixed size (tests), else three
 * quarters of the server's {@code max_allowed_packet}, read once on the first write.
 */
final class StatementLimits {
  /** A statement's size at most, and the server's packet limit. */
  record Limits(long statementBytes, long serverPacketBytes) {}

  private final long fixedStatementBytes;
  // The server's max_allowed_packet, read once per pool on the first write; 0 until then.
  private volatile long serverPacketBytes;

  /** @param fixedStatementBytes a fixed statement limit (tests); 0 derives it from the server's */
  StatementLimits(long fixedStatementBytes) {
    this.fixedStatementBytes = fixedStatementBytes;
  }

  Limits read(DSLContext tx) {
    long packet = serverPacketBytes;
    if (packet == 0) {
      Long read = tx.select(DSL.field("@@max_allowed_packet", Long.class)).fetchOne(0,
          Long.class);
      packet = read == null ? 1024 * 1024 : read;
      serverPacketBytes = packet;
    }
    // The margin covers the protocol's framing and any slack in the estimate of a statement.
    return new Limits(fixedStatementBytes > 0 ? fixedStatementBytes
        : Math.max(64 * 1024, packet / 4 * 3), packet);
  }
}
