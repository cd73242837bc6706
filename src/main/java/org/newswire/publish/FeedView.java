package org.newswire.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One page of the merged feed, ready for any format.
 *
 * @param updated the newest entry's change (RFC 4287 §4.2.15); for an empty page the store's
 *     last change (or the server's start), so that the bytes, and hence the ETag, do not
 *     depend on when they were rendered
 * @param next the older page (RFC 5005 §3); empty on the last page
 * @param lastModified when the page's items last changed in the store, for the
 *     {@code Last-Modified} validator (RFC 9110 §8.8.2): it must move whenever the page does,
 *     which the entries' own dates (written by the feeds) do not guarantee
 */
record FeedView(String title, String id, String self, String home, Optional<String> next,
    Instant updated, Optional<Instant> lastModified, List<EntryView> entries, FeedQuery query) {

  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  FeedView {
    entries = List.copyOf(entries);
  }

  /** RFC 3339, whole seconds, UTC. */
  static String rfc3339(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** RFC 822 as RSS 2.0 wants it (with a four-digit year, which validators accept). */
  static String rfc822(Instant t) {
    return RFC_822.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
