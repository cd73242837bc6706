package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.newswire.model.ParsedFeed;

/** Test fixtures under src/test/resources/parse and a context with a pinned clock. */
final class Fixtures {
  static final Instant FETCHED = Instant.parse("2021-07-05T00:00:00Z");

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/parse/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParseContext ctx(String contentType, String base) {
    return new ParseContext(Optional.ofNullable(contentType),
        Optional.ofNullable(base).map(URI::create), ZoneOffset.UTC, FETCHED);
  }

  static ParsedFeed parsed(byte[] body, ParseContext ctx) {
    ParseResult r = new FeedParser().parse(body, ctx);
    assertThat(r).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) r).feed();
  }

  static ParsedFeed parsed(String xml) {
    return parsed(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), ctx(null, null));
  }

  static String unreadable(String xml) {
    ParseResult r = new FeedParser().parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        ctx(null, null));
    assertThat(r).isInstanceOf(ParseResult.Unreadable.class);
    return ((ParseResult.Unreadable) r).reason();
  }
}
