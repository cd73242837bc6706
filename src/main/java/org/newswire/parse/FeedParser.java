package org.newswire.parse;

/** STUB until the parse package lands. */
public final class FeedParser {
  public ParseResult parse(byte[] body, ParseContext ctx) {
    return new ParseResult.Unreadable("not built");
  }
}
