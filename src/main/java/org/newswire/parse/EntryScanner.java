package org.newswire.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * The tag scanner behind {@link EntrySpans}: one pass over a document's text (or its bytes
 * viewed one to a character) that finds the entries' spans and hashes them and the shell. It
 * knows tags, attribute quotes, comments, CDATA and processing instructions and nothing else,
 * and gives up (empty) wherever the reader could see the document otherwise.
 */
final class EntryScanner {
  private static final long FNV_PRIME = 0x100000001b3L;

  private final String t;
  /** The bytes {@code t} spells one to a character, whose spans are hashed: or null. */
  private final byte[] bytes;
  private final long seed;
  private int i;
  private long shell;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int n;

  EntryScanner(String text, long seed, byte[] bytes) {
    this.t = text;
    this.seed = seed;
    this.shell = seed;
    this.bytes = bytes;
  }

  Optional<EntrySpans.Found> run() {
    try {
      return Optional.ofNullable(document());
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty(); // the text ended inside a construct
    }
  }

  private EntrySpans.Found document() {
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
    return new EntrySpans.Found(mix(shell), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), hashes);
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

  /** Starts the scan at {@code at} (past a byte-order mark). */
  void startAt(int at) {
    i = at;
  }

  static long fnv(long h, CharSequence s, int from, int to) {
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
