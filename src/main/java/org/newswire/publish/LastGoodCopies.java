package org.newswire.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last document rendered for each plain feed, served as a stale copy while the database
 * is away (readers keep their feed; the copy says how old it is).
 */
final class LastGoodCopies {
  private record Kept(Document document, Instant renderedAt) {}

  private final ConcurrentHashMap<FeedQuery, Kept> kept = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxEntries;

  LastGoodCopies(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /** Keeps {@code doc} as {@code key}'s copy, unless it is a search or kept already. */
  void keep(FeedQuery key, Document doc) {
    // Searches are not kept for outages: their keys are without bound and, filling the map,
    // would clear the plain feeds' copies that readers rely on while the database is away.
    if (key.q().isPresent()) {
      return;
    }
    Kept k = kept.get(key);
    if (k == null || k.document() != doc) {
      if (kept.size() >= maxEntries) {
        kept.clear(); // as the document cache does: keys without bound stay bounded
      }
      kept.put(key, new Kept(doc, clock.instant()));
    }
  }

  /** {@code key}'s last copy with its age, if there is one. */
  Optional<Publisher.Stale> stale(FeedQuery key) {
    Kept k = kept.get(key);
    if (k == null) {
      return Optional.empty();
    }
    Duration age = Duration.between(k.renderedAt(), clock.instant());
    return Optional.of(new Publisher.Stale(k.document(), age.isNegative() ? Duration.ZERO : age));
  }
}
