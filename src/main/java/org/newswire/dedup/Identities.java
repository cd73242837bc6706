package org.newswire.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.newswire.model.Entry;

/**
 * Identity keys for the entries of one feed document, the way careful readers do it: the GUID
 * when the feed gives one and does not reuse it (some CMSs stamp every item with the same GUID),
 * else the canonical link (again only if unique in the document), else a hash of title, date and
 * text. The database's unique key on (source, identity) is the guarantee; this only names keys.
 */
public final class Identities {
  private Identities() {}

  /**
   * One identity per entry, in order.
   *
   * @param canonical maps an entry's link to its canonical form (tracking parameters removed…)
   */
  public static List<Identity> of(List<Entry> entries,
      Function<String, Optional<String>> canonical) {
    Map<String, Integer> guidCounts = new HashMap<>();
    Map<String, Integer> linkCounts = new HashMap<>();
    List<Optional<String>> links = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      guidKey(e).ifPresent(g -> guidCounts.merge(g, 1, Integer::sum));
      Optional<String> link = e.link().flatMap(canonical);
      links.add(link);
      link.ifPresent(l -> linkCounts.merge(l, 1, Integer::sum));
    }
    List<Identity> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Optional<String> guid = guidKey(e).filter(g -> !g.isEmpty());
      Optional<String> link = links.get(i);
      if (guid.isPresent() && guidCounts.get(guid.get()) == 1) {
        out.add(new Identity(Identity.Kind.GUID, sha256("guid\n" + guid.get())));
      } else if (link.isPresent() && linkCounts.get(link.get()) == 1) {
        out.add(new Identity(Identity.Kind.LINK, sha256("link\n" + link.get())));
      } else {
        out.add(new Identity(Identity.Kind.CONTENT, sha256("content\n" + e.title().orElse("")
            + "\n" + e.published().map(Object::toString).orElse("") + "\n" + body(e))));
      }
    }
    return out;
  }

  /** The GUID as {@link #of} compares it: an entry's GUID is its identity when no other has it. */
  public static Optional<String> guidKey(Entry e) {
    return e.id().map(String::strip);
  }

  /**
   * A hash of what readers see of an entry; when it changes, the stored item is updated in place.
   * Computed on the feed's raw fields so that unchanged items can be skipped before cleaning.
   */
  public static String contentHash(Entry e) {
    return sha256(e.title().orElse("") + "\u0000" + e.link().orElse("") + "\u0000"
        + e.summaryHtml().or(e::summaryText).orElse("") + "\u0000"
        + e.contentHtml().or(e::contentText).orElse("") + "\u0000"
        + e.author().orElse("") + "\u0000" + String.join("\u0001", e.categories()) + "\u0000"
        + e.enclosures());
  }

  private static String body(Entry e) {
    return e.contentHtml().or(e::contentText).or(e::summaryHtml).or(e::summaryText).orElse("");
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes. */
  public static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
