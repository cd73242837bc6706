package org.newswire.parse;

import java.util.Optional;

/**
 * Bytes of a feed document to a {@link ParseResult}: JSON Feed (1.0, 1.1) or XML (RSS 0.90–2.0,
 * RSS 1.0/RDF, Atom 0.3/1.0, read by Rome after our repairs). HTML fields come out raw but with
 * relative URLs resolved; plain-text titles of JSON and Atom text constructs come out
 * HTML-escaped, so the cleaner can treat every title and summary as HTML.
 *
 * <p>Stateless and thread-safe: one instance serves every source.
 */
public final class FeedParser {

  public ParseResult parse(byte[] body, ParseContext ctx) {
    return read(body, ctx, Optional.empty(), false).result();
  }

  /**
   * Reads the document as {@link #parse} does, but leaves out the RSS and Atom entries whose
   * text {@code known} holds (when the text around them is what it was), and says where each
   * entry was, so that the caller can hold them for the next read. An entry left out is one
   * {@link #parse} would have read exactly as it was read when it was remembered.
   */
  public Skim skim(byte[] body, ParseContext ctx, Optional<Skim.Known> known) {
    return read(body, ctx, known, true);
  }

  private Skim read(byte[] body, ParseContext ctx, Optional<Skim.Known> known, boolean spans) {
    if (body == null || body.length == 0) {
      return Skim.whole(new ParseResult.Unreadable("empty document"));
    }
    Decoder.Decoded decoded = Decoder.decode(body, ctx.contentType());
    String text = decoded.text();
    int i = 0;
    while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF')) {
      i++;
    }
    if (i == text.length()) {
      return Skim.whole(new ParseResult.Unreadable("empty document"));
    }
    try {
      if (text.charAt(i) == '{') {
        return Skim.whole(JsonFeedReader.read(text.substring(i), decoded.charset(), ctx));
      }
      if (text.indexOf('<') < 0) {
        // Never a quote of the body: error pages carry session ids, tokens and user data, and
        // this reason is shown in /api/sources and the log.
        return Skim.whole(new ParseResult.Unreadable("neither XML nor JSON ("
            + ctx.contentType().map(t -> "Content-Type " + XmlDocuments.oneLine(t))
                .orElse("no Content-Type")
            + ", " + body.length + " bytes)"));
      }
      Skim xml = XmlFeedReader.skim(text.substring(i), decoded.charset(), ctx, known, spans);
      if (xml.result() instanceof ParseResult.Unreadable) {
        return Skim.whole(HtmlPages.describe(text.substring(i), ctx.baseUrl())
            .<ParseResult>map(ParseResult.Unreadable::new).orElse(xml.result()));
      }
      return xml;
    } catch (RuntimeException e) {
      // A library bug on hostile input must cost one source, not the poll.
      return Skim.whole(new ParseResult.Unreadable("parser failure: "
          + e.getClass().getSimpleName() + ": " + XmlDocuments.oneLine(e.getMessage())));
    }
  }

}
