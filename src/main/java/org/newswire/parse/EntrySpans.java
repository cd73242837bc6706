package org.newswire.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the entries of an RSS 2.0 or Atom document are in its (repaired) text, found by a
 * small scanner that knows tags, attribute quotes, comments, CDATA and processing instructions
 * and nothing else. A poll that already holds most of a feed's entries cuts the unchanged ones
 * out before the XML parser and Rome see the text ({@link FeedParser#skim}): a busy feed adds
 * two entries and lists fifty, and reading all fifty was a third of steady polling's CPU.
 *
 * <p>An entry's text is only as good as its surroundings: namespaces, {@code xml:base} and
 * {@code xml:lang} on the root or channel, the feed's type and links. So the rest of the
 * document (the shell) is hashed too, and a remembered entry may be left out only while the
 * shell's hash is the one it was read with. What changes on every update of a feed without
 * touching its entries is left out of that hash: whitespace between elements, comments, and
 * the content of the feed's own date elements (the reader takes those out of the document
 * before Rome sees it, so no entry can depend on them).
 *
 * <p>Anything the scanner is not sure of (a DOCTYPE, RSS 1.0/RDF or CDF, an RSS feed without
 * one channel, tags that do not nest, a document deeper than {@link DepthLimit#MAX_DEPTH})
 * yields no spans, and the document is read whole.
 */
final class EntrySpans {
  /**
   * FNV-1a's offset, mixed with a key drawn once per process: hashes are compared only within
   * one process, and a feed cannot be written offline so that a new entry hashes as an old one
   * (which could only hide that feed's own entry anyway: a left-out entry stands for the
   * remembered one, identity and all).
   */
  private static final long FNV_OFFSET = 0xcbf29ce484222325L
      ^ new java.security.SecureRandom().nextLong();
  /** Sets the hashes of {@link #inBytes} apart from {@link #find}'s. */
  private static final long BYTE_SEED = 0x62797465L;

  /**
   * The spans of one document, in document order: entry {@code i} is
   * {@code text.substring(starts[i], ends[i])}, its hash {@code hashes[i]}.
   */
  record Found(long shell, int[] starts, int[] ends, long[] hashes) {
    int size() {
      return starts.length;
    }

    /** The text without the entries whose {@code skip} flag is set. */
    String without(String text, boolean[] skip) {
      StringBuilder out = new StringBuilder(text.length());
      int at = 0;
      for (int i = 0; i < starts.length; i++) {
        if (skip[i]) {
          out.append(text, at, starts[i]);
          at = ends[i];
        }
      }
      return out.append(text, at, text.length()).toString();
    }

    /**
     * Which entries {@code known} holds: empty when none (nothing to leave out), else per
     * entry whether to leave it out, and the hashes of those kept and left out, in order.
     */
    Optional<Held> held(Skim.Known known) {
      boolean[] skip = new boolean[hashes.length];
      List<Long> kept = new ArrayList<>();
      List<Long> skipped = new ArrayList<>();
      for (int k = 0; k < hashes.length; k++) {
        skip[k] = known.holds().test(hashes[k]);
        (skip[k] ? skipped : kept).add(hashes[k]);
      }
      return skipped.isEmpty() ? Optional.empty() : Optional.of(new Held(skip, kept, skipped));
    }

    /** The bytes without the entries whose {@code skip} flag is set ({@link #inBytes}). */
    byte[] without(byte[] bytes, boolean[] skip) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
      int at = 0;
      for (int i = 0; i < starts.length; i++) {
        if (skip[i]) {
          out.write(bytes, at, starts[i] - at);
          at = ends[i];
        }
      }
      out.write(bytes, at, bytes.length - at);
      return out.toByteArray();
    }

  }

  /** {@link Found#held}: per entry whether it is left out; the hashes kept and left out. */
  record Held(boolean[] skip, List<Long> kept, List<Long> skipped) {}

  private EntrySpans() {}

  /** The entries' spans and the shell's hash, or empty when the scanner is not sure. */
  static Optional<Found> find(String text) {
    return new EntryScanner(text, FNV_OFFSET, null).run();
  }

  /**
   * {@link #find}, in the bytes of a document in {@code charset}, one that spells markup as
   * ASCII bytes ({@link Decoder#bytewise}); the offsets are the bytes'. Its hashes are of
   * another kind than {@link #find}'s, and its shell's hash says the charset: a document
   * decoded otherwise never matches what was remembered of it. A UTF-8 byte-order mark is
   * passed over.
   */
  static Optional<Found> inBytes(byte[] bytes, Charset charset) {
    String name = charset.name();
    long seed = EntryScanner.fnv(FNV_OFFSET ^ BYTE_SEED, name, 0, name.length());
    // As Latin-1, every byte is one character: the scanner reads the bytes as they are.
    EntryScanner scan = new EntryScanner(new String(bytes, StandardCharsets.ISO_8859_1), seed,
        bytes);
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      scan.startAt(3);
    }
    return scan.run();
  }

}
