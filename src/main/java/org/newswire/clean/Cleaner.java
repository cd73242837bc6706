package org.newswire.clean;

import java.net.URI;
import java.util.Optional;
import org.newswire.model.ParsedFeed;

/** STUB until the clean package lands. */
public final class Cleaner {
  public ParsedFeed clean(ParsedFeed feed, Optional<URI> base) {
    return feed;
  }
}
