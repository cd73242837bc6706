package org.newswire.parse;

import org.newswire.model.ParsedFeed;

/** A feed read (perhaps after repairs), or the one-line reason it could not be. */
public sealed interface ParseResult {
  record Parsed(ParsedFeed feed) implements ParseResult {}

  record Unreadable(String reason) implements ParseResult {}
}
