package org.newswire.ingest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.newswire.dedup.Identities;
import org.newswire.dedup.Identity;
import org.newswire.model.Source;
import org.newswire.parse.Skim;

/**
 * What the last read of each source's feed held, entry by entry: the hash of the entry's text,
 * its identity and content hash, and the GUID and link its identity was told unique by. The
 * next read leaves those entries out ({@link org.newswire.parse.FeedParser#skim}), and the poll
 * still knows who they are.
 *
 * <p>A remembered entry stands for what the parser would have read from the same text, and
 * for what the store held of it when the read was stored. The latter only while the source's
 * state still names the body the read was made of ({@link Remembered#madeOf}): then no poll,
 * of this process or another, has stored items of the source since. Otherwise the poll checks
 * a left-out entry's identity and content hash against the store like any other, and reads the
 * feed whole on a difference.
 *
 * <p>Bounded by entries held (a sixteenth of the heap's worth at about 110 bytes each); the
 * sources polled longest ago are forgotten first. Thread-safe.
 */
final class EntryMemory {
  private static final HexFormat HEX = HexFormat.of();
  private static final int BYTES_PER_ENTRY = 110;
  private static final int GUID = 1;
  private static final int GUID_TEXT = 2;
  private static final int LINK = 4;

  private final long capacity;
  private final Map<String, Remembered> bySource = new LinkedHashMap<>(64, 0.75f, true);
  private long held; // guarded by this

  EntryMemory() {
    this(Math.max(10_000, Runtime.getRuntime().maxMemory() / 16 / BYTES_PER_ENTRY));
  }

  /** @param capacity entries held at most, over all sources */
  EntryMemory(long capacity) {
    this.capacity = capacity;
  }

  /** What a remembered read depends on besides the text: the source's settings and the URL. */
  static long context(Source source, URI finalUrl) {
    return key("context", source + "\n" + finalUrl);
  }

  synchronized Optional<Remembered> recall(String sourceId, long context) {
    Remembered r = bySource.get(sourceId);
    return r != null && r.context == context ? Optional.of(r) : Optional.empty();
  }

  synchronized void forget(String sourceId) {
    Remembered old = bySource.remove(sourceId);
    if (old != null) {
      held -= old.size();
    }
  }

  /**
   * Holds the entries of a read of the body whose hash is {@code body}, once its items are
   * stored: those read ({@code spans} and {@code read}, aligned) and those left out of it
   * because {@code before} held them.
   */
  void remember(String sourceId, long context, String body, long shell, List<Long> spans,
      List<ItemFinisher.Identified> read, List<Long> leftOut, Optional<Remembered> before) {
    int n = spans.size() + leftOut.size();
    long[] hashes = new long[n];
    long[] guids = new long[n];
    long[] links = new long[n];
    byte[] flags = new byte[n];
    byte[] kinds = new byte[n];
    byte[] digests = new byte[n * 64];
    int k = 0;
    for (int i = 0; i < spans.size(); i++, k++) {
      ItemFinisher.Identified id = read.get(i);
      hashes[k] = spans.get(i);
      Optional<String> guid = Identities.guidKey(id.entry());
      guids[k] = guid.map(g -> key("guid", g)).orElse(0L);
      links[k] = id.canonicalUrl().map(l -> key("link", l)).orElse(0L);
      flags[k] = (byte) ((guid.isPresent() ? GUID : 0)
          | (guid.filter(g -> !g.isEmpty()).isPresent() ? GUID_TEXT : 0)
          | (id.canonicalUrl().isPresent() ? LINK : 0));
      kinds[k] = (byte) id.identity().kind().ordinal();
      System.arraycopy(HEX.parseHex(id.identity().hash()), 0, digests, k * 64, 32);
      System.arraycopy(HEX.parseHex(id.contentHash()), 0, digests, k * 64 + 32, 32);
    }
    for (long span : leftOut) {
      Remembered r = before.orElseThrow();
      int j = r.indexOf(span);
      hashes[k] = span;
      guids[k] = r.guids[j];
      links[k] = r.links[j];
      flags[k] = r.flags[j];
      kinds[k] = r.kinds[j];
      System.arraycopy(r.digests, j * 64, digests, k * 64, 64);
      k++;
    }
    Remembered r = Remembered.sorted(context, body, shell, hashes, guids, links, flags, kinds,
        digests);
    synchronized (this) {
      Remembered old = bySource.put(sourceId, r);
      held += r.size() - (old == null ? 0 : old.size());
      var eldest = bySource.entrySet().iterator();
      while (held > capacity && eldest.hasNext()) {
        held -= eldest.next().getValue().size();
        eldest.remove();
      }
    }
  }

  /** The entries of one read of a source's feed, sorted by the hash of their text. */
  static final class Remembered {
    private final long context;
    /** The hash of the body read, as the source's state keeps it ({@code body_hash}). */
    private final String body;
    private final long shell;
    private final long[] hashes;
    private final long[] guids;
    private final long[] links;
    private final byte[] flags;
    private final byte[] kinds;
    /** Per entry: its identity hash (32 bytes), then its content hash (32 bytes). */
    private final byte[] digests;

    private Remembered(long context, String body, long shell, long[] hashes, long[] guids,
        long[] links, byte[] flags, byte[] kinds, byte[] digests) {
      this.context = context;
      this.body = body;
      this.shell = shell;
      this.hashes = hashes;
      this.guids = guids;
      this.links = links;
      this.flags = flags;
      this.kinds = kinds;
      this.digests = digests;
    }

    private static Remembered sorted(long context, String body, long shell, long[] hashes,
        long[] guids, long[] links, byte[] flags, byte[] kinds, byte[] digests) {
      Integer[] order = new Integer[hashes.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
      // The same text twice is one entry read the same way twice: held once.
      int n = 0;
      for (int i = 0; i < order.length; i++) {
        if (n == 0 || hashes[order[n - 1]] != hashes[order[i]]) {
          order[n++] = order[i];
        }
      }
      long[] h = new long[n];
      long[] g = new long[n];
      long[] l = new long[n];
      byte[] f = new byte[n];
      byte[] k = new byte[n];
      byte[] d = new byte[n * 64];
      for (int i = 0; i < n; i++) {
        int o = order[i];
        h[i] = hashes[o];
        g[i] = guids[o];
        l[i] = links[o];
        f[i] = flags[o];
        k[i] = kinds[o];
        System.arraycopy(digests, o * 64, d, i * 64, 64);
      }
      return new Remembered(context, body, shell, h, g, l, f, k, d);
    }

    int size() {
      return hashes.length;
    }

    /**
     * Whether this read was made of the body that {@code storedBody} (the body hash of the
     * source's state, read with the poll) names. Every poll that stores items of a source
     * saves the hash of its body with them, in one transaction, and polls that store nothing
     * keep it; so while it names this read's body, the last items stored for the source are
     * this read's (or those of a read of the same body), and the store has changed them since
     * only by deleting, which leaves tombstones. A body hash lost with a failed or unreadable
     * poll, or another process's read of another body, turns the memory's word down.
     */
    boolean madeOf(Optional<String> storedBody) {
      return storedBody.filter(body::equals).isPresent();
    }

    /**
     * The entries a read may leave out: not those identified by their content, which {@link
     * #leftOut} would turn away (their date may read differently now), so that a feed of such
     * entries is not read twice on every change.
     */
    Skim.Known known() {
      return new Skim.Known(shell, span -> {
        int i = indexOf(span);
        return i >= 0 && kinds[i] != Identity.Kind.CONTENT.ordinal();
      });
    }

    private int indexOf(long span) {
      int i = Arrays.binarySearch(hashes, span);
      return i >= 0 ? i : -1;
    }

    /**
     * The left-out entries' identities and content hashes, or empty when one of them would not
     * keep its identity beside the entries read: a GUID or link it now shares with one of them,
     * or that it shared before with an entry no longer listed, or an identity by content (its
     * date may read differently now).
     */
    Optional<List<Known>> leftOut(List<Long> spans, List<ItemFinisher.Identified> read) {
      Set<Long> readGuids = new HashSet<>();
      Set<Long> readLinks = new HashSet<>();
      for (ItemFinisher.Identified id : read) {
        Identities.guidKey(id.entry()).ifPresent(g -> readGuids.add(key("guid", g)));
        id.canonicalUrl().ifPresent(l -> readLinks.add(key("link", l)));
      }
      int[] at = new int[spans.size()];
      Map<Long, Integer> guidCounts = new HashMap<>();
      Map<Long, Integer> linkCounts = new HashMap<>();
      for (int i = 0; i < at.length; i++) {
        int j = indexOf(spans.get(i));
        if (j < 0) {
          return Optional.empty();
        }
        at[i] = j;
        if ((flags[j] & GUID) != 0) {
          if (readGuids.contains(guids[j])) {
            return Optional.empty();
          }
          guidCounts.merge(guids[j], 1, Integer::sum);
        }
        if ((flags[j] & LINK) != 0) {
          if (readLinks.contains(links[j])) {
            return Optional.empty();
          }
          linkCounts.merge(links[j], 1, Integer::sum);
        }
      }
      List<Known> out = new ArrayList<>(at.length);
      for (int j : at) {
        Identity.Kind kind = (flags[j] & GUID_TEXT) != 0 && guidCounts.get(guids[j]) == 1
            ? Identity.Kind.GUID
            : (flags[j] & LINK) != 0 && linkCounts.get(links[j]) == 1
                ? Identity.Kind.LINK : Identity.Kind.CONTENT;
        if (kind == Identity.Kind.CONTENT || kind.ordinal() != kinds[j]) {
          return Optional.empty();
        }
        out.add(new Known(HEX.formatHex(digests, j * 64, j * 64 + 32),
            HEX.formatHex(digests, j * 64 + 32, j * 64 + 64)));
      }
      return Optional.of(out);
    }
  }

  /**
   * A GUID or link as 64 bits of its SHA-256: {@link Identities#of} tells identities apart by
   * whether another entry has the same one, and two strings must not pass for one (as
   * {@code "Aa"} and {@code "BB"} do by {@code String.hashCode}).
   */
  private static long key(String kind, String value) {
    return Long.parseUnsignedLong(Identities.sha256(kind + "\n" + value).substring(0, 16), 16);
  }

  /** A left-out entry: its identity hash and content hash, as the store keys them. */
  record Known(String identity, String contentHash) {}
}
