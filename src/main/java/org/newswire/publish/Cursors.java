package org.newswire.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswire.store.ItemQueries.Cursor;

/**
 * The {@code before} parameter: an opaque token so readers cannot come to depend on what is in
 * it (RFC 5005 §3 leaves the next link's form to the server). Versioned for later changes.
 */
final class Cursors {
  private static final Pattern FORM = Pattern.compile("c1\\.(-?\\d{1,19})\\.(\\d{1,19})");

  private Cursors() {}

  static String encode(Cursor c) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, c.publishedAt());
    String raw = "c1." + micros + "." + c.rowId();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static Optional<Cursor> decode(String token) {
    if (token.length() > 80) {
      return Optional.empty();
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      Matcher m = FORM.matcher(raw);
      if (!m.matches()) {
        return Optional.empty();
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS);
      return Optional.of(new Cursor(at, Long.parseLong(m.group(2))));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
