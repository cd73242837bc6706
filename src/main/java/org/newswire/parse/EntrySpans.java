package org.newswire.parse;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  private static final long FNV_PRIME = 0x100000001b3L;
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
    return new Scan(text, FNV_OFFSET, null).run();
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
    long seed = fnv(FNV_OFFSET ^ BYTE_SEED, name, 0, name.length());
    // As Latin-1, every byte is one character: the scanner reads the bytes as they are.
    Scan scan = new Scan(new String(bytes, StandardCharsets.ISO_8859_1), seed,
        bytes);
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      scan.i = 3;
    }
    return scan.run();
  }

  private static long fnv(long h, CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }

  /**
   * An FNV-style hash of {@code b[from, to)} taken eight bytes at a time (a byte at a time it
   * was the scanner's largest cost), each step rotated so that a difference in a high bit
   * reaches the low ones, and the length mixed in.
   */
  private static long words(long h, byte[] b, int from, int to) {
    int k = from;
    for (; k + 8 <= to; k += 8) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(b, k)) * FNV_PRIME, 29);
    }
    for (; k < to; k++) {
      h = Long.rotateLeft((h ^ (b[k] & 0xFF)) * FNV_PRIME, 29);
    }
    return h ^ (to - from);
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class,
          ByteOrder.LITTLE_ENDIAN);

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static final class Scan {
    private final String t;
    /** The bytes {@code t} spells one to a character, whose spans are hashed: or null. */
    private final byte[] bytes;
    private final long seed;
    private int i;
    private long shell;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int n;

    Scan(String text, long seed, byte[] bytes) {
      this.t = text;
      this.seed = seed;
      this.shell = seed;
      this.bytes = bytes;
    }

    Optional<Found> run() {
      try {
        return Optional.ofNullable(document());
      } catch (IndexOutOfBoundsException e) {
        return Optional.empty(); // the text ended inside a construct
      }
    }

    private Found document() {
      // Prolog: XML declaration, processing instructions, comments, whitespace.
      while (true) {
        skipWhitespace();
        if (t.startsWith("<?", i)) {
          if (!skipPast("?>", i, true)) {
            return null;
          }
        } else if (t.startsWith("<!--", i)) {
          if (!skipPast("-->", i + 4, false)) {
            return null;
          }
        } else if (t.startsWith("<", i) && i + 1 < t.length() && t.charAt(i + 1) != '!') {
          break;
        } else {
          return null; // a DOCTYPE, text before the root, or nothing at all
        }
      }
      int rootStart = i;
      Tag root = startTag();
      if (root == null || root.empty) {
        return null;
      }
      shell = fnv(shell, t, rootStart, i);
      String rootName = root.name;
      String itemName;
      int itemDepth;
      if (rootName.equals("rss")) {
        itemName = "item";
        itemDepth = 2;
      } else if (local(rootName).equals("feed")) {
        int colon = rootName.indexOf(':');
        itemName = colon < 0 ? "entry" : rootName.substring(0, colon + 1) + "entry";
        itemDepth = 1;
      } else {
        return null;
      }
      String[] open = new String[16];
      open[0] = rootName;
      int depth = 1;
      int channels = 0;
      int spanStart = -1;
      // Depth whose content is left out of the shell's hash (a feed-level date), or 0.
      int blankUntil = 0;
      while (depth > 0) {
        int lt = t.indexOf('<', i);
        if (lt < 0) {
          return null;
        }
        if (spanStart < 0 && blankUntil == 0 && !isWhitespace(i, lt)) {
          shell = fnv(shell, t, i, lt);
        }
        i = lt;
        if (t.startsWith("<!--", i)) {
          // Inside an entry its span's hash covers it; outside, a comment changes nothing read.
          if (!skipPast("-->", i + 4, false)) {
            return null;
          }
          continue;
        }
        boolean inShell = spanStart < 0 && blankUntil == 0;
        if (t.startsWith("<![CDATA[", i) && !skipPast("]]>", i, inShell)
            || t.startsWith("<?", i) && !skipPast("?>", i, inShell)) {
          return null;
        }
        if (i != lt) {
          continue; // a CDATA section or processing instruction, skipped
        }
        if (t.startsWith("<!", i)) {
          return null; // a DOCTYPE or a declaration inside the document
        }
        int tagStart = i;
        if (t.startsWith("</", i)) {
          int end = t.indexOf('>', i);
          if (end < 0) {
            return null;
          }
          String name = t.substring(i + 2, end).strip();
          if (!name.equals(open[depth - 1])) {
            return null;
          }
          i = end + 1;
          depth--;
          if (spanStart >= 0 && depth == itemDepth) {
            add(spanStart, i);
            spanStart = -1;
          } else if (spanStart < 0) {
            if (blankUntil > depth) {
              blankUntil = 0;
            }
            if (blankUntil == 0) {
              shell = fnv(shell, t, tagStart, i);
            }
          }
          continue;
        }
        Tag tag = startTag();
        if (tag == null) {
          return null;
        }
        boolean container = itemDepth == 1 || depth == 2 && open[1].equals("channel");
        if (depth == 1 && itemDepth == 2 && tag.name.equals("channel")
            && (++channels > 1 || declaresNamespace(tagStart, i))) {
          return null; // the reader takes the first channel only, and by its plain name
        }
        if (depth == itemDepth && container && local(tag.name).equals(local(itemName))
            && (!tag.name.equals(itemName) || declaresNamespace(tagStart, i))) {
          // The reader takes entries by namespace: one written with another prefix, or that
          // declares its own, may be an entry to the reader and not to this scanner, or the
          // other way round, and entries would be paired with the wrong spans.
          return null;
        }
        if (spanStart < 0 && depth == itemDepth && container && tag.name.equals(itemName)) {
          if (tag.empty) {
            add(tagStart, i);
            continue;
          }
          spanStart = tagStart;
        } else if (spanStart < 0 && blankUntil == 0) {
          shell = fnv(shell, t, tagStart, i);
          if (!tag.empty && depth == itemDepth && container && isDate(tag.name)) {
            blankUntil = depth + 1;
          }
        }
        if (!tag.empty) {
          if (depth >= DepthLimit.MAX_DEPTH) {
            return null;
          }
          if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
          }
          open[depth++] = tag.name;
        }
      }
      if (itemDepth == 2 && channels != 1) {
        return null;
      }
      // After the root: comments, processing instructions and whitespace only.
      while (true) {
        skipWhitespace();
        if (i >= t.length()) {
          break;
        }
        if (t.startsWith("<!--", i)) {
          if (!skipPast("-->", i + 4, false)) {
            return null;
          }
        } else if (t.startsWith("<?", i)) {
          if (!skipPast("?>", i, false)) {
            return null;
          }
        } else {
          return null;
        }
      }
      long[] hashes = new long[n];
      for (int k = 0; k < n; k++) {
        hashes[k] = mix(bytes == null ? fnv(seed, t, starts[k], ends[k])
            : words(seed, bytes, starts[k], ends[k]));
      }
      return new Found(mix(shell), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), hashes);
    }

    private void add(int start, int end) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
      }
      starts[n] = start;
      ends[n++] = end;
    }

    /**
     * Moves past the first {@code close} at or after {@code from}, the construct starting at
     * {@code i} hashed into the shell when {@code hashed}; false when it never closes.
     */
    private boolean skipPast(String close, int from, boolean hashed) {
      int end = t.indexOf(close, from);
      if (end < 0) {
        return false;
      }
      if (hashed) {
        shell = fnv(shell, t, i, end + close.length());
      }
      i = end + close.length();
      return true;
    }

    private void skipWhitespace() {
      while (i < t.length() && isSpace(t.charAt(i))) {
        i++;
      }
    }

    /**
     * Whether the tag in {@code [from, to)} declares a namespace. Looked for within the tag
     * only: a search to the end of the text cost a pass over the rest of the document per
     * entry (quadratic in the entries of a long feed).
     */
    private boolean declaresNamespace(int from, int to) {
      for (int k = from; k + 5 <= to; k++) {
        if (t.charAt(k) == 'x' && t.startsWith("xmlns", k)) {
          return true;
        }
      }
      return false;
    }

    private boolean isWhitespace(int from, int to) {
      for (int k = from; k < to; k++) {
        if (!isSpace(t.charAt(k))) {
          return false;
        }
      }
      return true;
    }

    /** A start tag at {@code i} ({@code <name attributes>} or {@code <name/>}), or null. */
    private Tag startTag() {
      int k = i + 1;
      int nameStart = k;
      while (k < t.length() && !isSpace(t.charAt(k)) && t.charAt(k) != '>'
          && t.charAt(k) != '/') {
        if (t.charAt(k) == '<' || t.charAt(k) == '"' || t.charAt(k) == '\'') {
          return null;
        }
        k++;
      }
      if (k == nameStart) {
        return null;
      }
      String name = t.substring(nameStart, k);
      while (true) {
        char c = t.charAt(k);
        if (c == '"' || c == '\'') {
          int close = t.indexOf(c, k + 1);
          if (close < 0) {
            return null;
          }
          k = close + 1;
        } else if (c == '<') {
          return null;
        } else if (c == '>') {
          i = k + 1;
          return new Tag(name, t.charAt(k - 1) == '/');
        } else {
          k++;
        }
      }
    }
  }

  private record Tag(String name, boolean empty) {}

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static String local(String name) {
    return name.substring(name.indexOf(':') + 1);
  }

  /** The feed-level date elements {@code XmlElements.takeDates} takes out before Rome reads. */
  private static boolean isDate(String name) {
    return switch (local(name)) {
      case "pubDate", "lastBuildDate", "updated", "published", "modified", "issued", "created",
          "date" -> true;
      default -> false;
    };
  }
}
