package org.newswire.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLStreamException;
import org.newswire.model.Source;

/** Renders a view in its format and packs the bytes, their gzip and their ETag. */
final class Documents {
  /**
   * zlib's fastest level. On a 50-entry search page (208 KB of Atom) it deflated 3-4 times
   * faster than the default level 6 (2.4 vs 7-9 ms on the loaded 2-core bench machine) for 37
   * KB instead of 27 KB. At level 6, deflating was the largest cost of an uncached search after
   * the XML writer's per-byte writes (JFR, bench/search-bench).
   */
  static final int SEARCH_GZIP_LEVEL = Deflater.BEST_SPEED;

  private Documents() {}

  /** One part of a feed written into bytes. */
  private interface Part<T> {
    void write(T value, Bytes out) throws XMLStreamException, IOException;
  }

  /**
   * A feed format written in parts: everything before the entries, one entry on its own (the
   * same bytes on every page it is on), what goes between two entries, everything after.
   */
  private record Parts(Part<FeedView> head, Part<EntryView> entry, byte[] between,
      Part<Void> tail) {}

  private static final Parts ATOM = new Parts(AtomWriter::head, AtomWriter::entry, new byte[0],
      (v, out) -> AtomWriter.tail(out));
  private static final Parts RSS = new Parts(RssWriter::head, RssWriter::item, new byte[0],
      (v, out) -> RssWriter.tail(out));
  private static final Parts JSON = new Parts(JsonFeedWriter::head, JsonFeedWriter::item,
      JsonFeedWriter.SEPARATOR, (v, out) -> JsonFeedWriter.tail(out));

  /** What goes between two entries, deflated once per format. */
  private static final Map<Format, Entry> BETWEEN = new java.util.concurrent.ConcurrentHashMap<>();

  /** The feed formats written in parts; the HTML page is written whole. */
  private static Optional<Parts> partsOf(Format format) {
    return switch (format) {
      case ATOM -> Optional.of(ATOM);
      case RSS -> Optional.of(RSS);
      case JSON -> Optional.of(JSON);
      case HTML, OPML, STORY_JSON -> Optional.empty();
    };
  }

  private static <T> void write(Format format, Part<T> part, T value, Bytes out) {
    try {
      part.write(value, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing " + format + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Document feed(FeedView f) {
    Format format = f.query().format();
    Bytes out = new Bytes(64 * 1024);
    Optional<Parts> parts = partsOf(format);
    if (parts.isPresent()) {
      Parts p = parts.get();
      write(format, p.head(), f, out);
      for (int n = 0; n < f.entries().size(); n++) {
        if (n > 0) {
          out.write(p.between(), 0, p.between().length);
        }
        write(format, p.entry(), f.entries().get(n), out);
      }
      write(format, p.tail(), null, out);
    } else if (format == Format.HTML) {
      byte[] html = HtmlPage.render(f).getBytes(StandardCharsets.UTF_8);
      out.write(html, 0, html.length);
    } else {
      throw new IllegalArgumentException(format + " is not a feed view");
    }
    // A search page is made for one reader and rarely asked for again (its key holds the
    // query), so its gzip is made fast; a plain feed's is made once and sent many times.
    return pack(format, out.toByteArray(), f.lastModified(), f.query().q().isPresent());
  }

  /** True for the formats whose entries are rendered one by one ({@link #entry}). */
  static boolean rendersEntriesAlone(Format format) {
    return partsOf(format).isPresent();
  }

  /**
   * An entry rendered on its own, kept deflated ({@link GzipParts}) with the digest of its
   * bytes: a search page is put together from such entries without rendering or compressing
   * them again.
   */
  record Entry(GzipParts.Part part, byte[] digest) {
    int size() {
      return part.deflated().length + digest.length + 64;
    }
  }

  /** One entry, the same bytes on every page it is on; see {@link #rendersEntriesAlone}. */
  static Entry entry(Format format, EntryView e) {
    Parts p = partsOf(format).orElseThrow(() -> new IllegalArgumentException(format
        + " entries are rendered with their page"));
    Bytes out = new Bytes(8 * 1024);
    write(format, p.entry(), e, out);
    return entryOf(out.toByteArray());
  }

  private static Entry entryOf(byte[] plain) {
    return new Entry(GzipParts.deflate(plain, SEARCH_GZIP_LEVEL), sha256().digest(plain));
  }

  /**
   * A search's page from the feed's own parts ({@code f}, without entries) and its entries
   * already rendered ({@link #entry}), in order: the same bytes as {@link #feed} writes for
   * them. Kept gzipped only, as every search page. Its ETag is the digest of the parts'
   * digests: like a digest of the bytes, it changes with any of them, and it costs no pass
   * over the entries.
   */
  static Document searchPage(FeedView f, List<Entry> entries) {
    Format format = f.query().format();
    Parts p = partsOf(format).orElseThrow(() -> new IllegalArgumentException(format
        + " entries are rendered with their page"));
    Bytes head = new Bytes(4 * 1024);
    write(format, p.head(), f, head);
    Bytes tail = new Bytes(64);
    write(format, p.tail(), null, tail);
    Entry between = p.between().length == 0 ? null : BETWEEN.computeIfAbsent(format,
        f2 -> entryOf(p.between()));
    List<Entry> all = new java.util.ArrayList<>(entries.size() * 2 + 2);
    all.add(entryOf(head.toByteArray()));
    for (int n = 0; n < entries.size(); n++) {
      if (n > 0 && between != null) {
        all.add(between);
      }
      all.add(entries.get(n));
    }
    all.add(entryOf(tail.toByteArray()));
    MessageDigest tag = sha256();
    long length = 0;
    List<GzipParts.Part> parts = new java.util.ArrayList<>(all.size());
    for (Entry e : all) {
      parts.add(e.part());
      tag.update(e.digest());
      length += e.part().length();
    }
    Optional<java.time.Instant> modified =
        f.lastModified().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    return Document.gzipOnly(format, Math.toIntExact(length), GzipParts.join(parts),
        tag(tag.digest()), modified);
  }

  static Document opml(String title, Collection<Source> sources) {
    Bytes out = new Bytes(16 * 1024);
    try {
      OpmlWriter.write(title, sources, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML failed", e);
    }
    return pack(Format.OPML, out.toByteArray(), Optional.empty());
  }

  static Document pack(Format format, byte[] body, Optional<java.time.Instant> modified) {
    return pack(format, body, modified, false);
  }

  /** {@code search}: a search result, gzipped fast and kept gzipped only (see Document). */
  private static Document pack(Format format, byte[] body, Optional<java.time.Instant> modified,
      boolean search) {
    Optional<java.time.Instant> lastModified =
        modified.map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    return search
        ? Document.gzipOnly(format, body, gzip(body, SEARCH_GZIP_LEVEL), etag(body), lastModified)
        : new Document(format, body, gzip(body, Deflater.DEFAULT_COMPRESSION), etag(body),
            lastModified);
  }

  /** Deterministic: GZIPOutputStream writes no time stamp, so equal bodies give equal bytes. */
  private static byte[] gzip(byte[] body, int level) {
    Bytes out = new Bytes(body.length / 3 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out, 8192) {
      {
        def.setLevel(level);
      }
    }) {
      z.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A strong validator from the bytes alone: the same content has the same tag everywhere. */
  private static String etag(byte[] body) {
    return tag(sha256().digest(body));
  }

  private static String tag(byte[] digest) {
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27)
        + "\"";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
