package org.newswire.parse;

import java.nio.charset.Charset;
import java.util.Optional;
import org.newswire.charset.DoubleUtf8;

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
    // Found in the bytes, held entries are cut out before anything decodes or repairs them
    // (most of a changed feed's reading cost, which the text's scanner paid for every entry).
    Optional<Charset> bytewise = Optional.empty();
    Optional<EntrySpans.Found> inBytes = Optional.empty();
    try {
      bytewise = spans ? Decoder.bytewise(body, ctx.contentType()) : Optional.empty();
      inBytes = bytewise.flatMap(cs -> EntrySpans.inBytes(body, cs));
      if (inBytes.isPresent() && known.isPresent()
          && known.get().shell() == inBytes.get().shell()) {
        Optional<Skim> kept = keptOnly(body, ctx, inBytes.get(), known.get(), bytewise.get());
        if (kept.isPresent()) {
          return kept.get();
        }
      }
    } catch (RuntimeException e) {
      // A library bug on hostile bytes: the text is read as if they had not been looked at.
      bytewise = Optional.empty();
      inBytes = Optional.empty();
    }
    Decoder.Decoded decoded = Decoder.decode(body, ctx.contentType());
    String text = decoded.text();
    int i = start(text);
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
      // Spans found in the bytes stand for the text only when the text is those bytes as
      // they are; otherwise they are found in the text.
      Skim xml = inBytes.isPresent() && decoded.exactly(bytewise.get())
          ? XmlFeedReader.skim(text.substring(i), decoded.charset(), ctx, inBytes.get())
          : XmlFeedReader.skim(text.substring(i), decoded.charset(), ctx, known, spans);
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


  /** Where the document starts: past leading whitespace and byte-order marks. */
  private static int start(String text) {
    int i = 0;
    while (i < text.length()
        && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF')) {
      i++;
    }
    return i;
  }

  /**
   * The document read without the entries {@code known} holds, cut out of its bytes; empty
   * when none is held, or when the rest does not show that the whole would have decoded to
   * the same text: it must decode exactly in {@code charset} (a held entry's bytes decoded so
   * when it was read, as the shell's hash, which says the charset, vouches), and nothing may
   * have been taken for text encoded to UTF-8 twice, a question {@link DoubleUtf8} answers for
   * the whole text at once (settled when the rest or an entry left out holds a character no
   * single byte spells, or the entries left out are ASCII).
   */
  private static Optional<Skim> keptOnly(byte[] body, ParseContext ctx, EntrySpans.Found found,
      Skim.Known known, Charset charset) {
    Optional<EntrySpans.Held> anyHeld = found.held(known);
    if (anyHeld.isEmpty()) {
      return Optional.empty();
    }
    EntrySpans.Held held = anyHeld.get();
    Decoder.Decoded rest = Decoder.decode(found.without(body, held.skip()), ctx.contentType());
    if (!rest.exactly(charset)
        || !DoubleUtf8.neverRepaired(rest.text()) && !settled(body, found, held, charset)) {
      return Optional.empty();
    }
    String text = rest.text();
    int i = start(text);
    if (i == text.length() || text.charAt(i) != '<') {
      return Optional.empty();
    }
    return XmlFeedReader.kept(text.substring(i), charset, ctx, held.kept().size())
        .map(result -> new Skim(result, found.shell(), held.kept(), held.skipped()));
  }

  /**
   * Whether the entries left out settle for the whole text that it is never taken for UTF-8
   * encoded twice, or are ASCII and leave the question to the rest ({@link DoubleUtf8#evidence}).
   */
  private static boolean settled(byte[] body, EntrySpans.Found found, EntrySpans.Held held,
      Charset charset) {
    boolean ascii = true;
    for (int k = 0; k < found.size(); k++) {
      if (held.skip()[k]) {
        switch (DoubleUtf8.evidence(body, found.starts()[k], found.ends()[k], charset)) {
          case NEVER_REPAIRED -> {
            return true;
          }
          case NONE -> ascii = false;
          case ASCII -> { }
        }
      }
    }
    return ascii;
  }
}
