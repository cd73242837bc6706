package org.newswire.publish;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.newswire.model.Source;
import org.newswire.model.StoredItem;
import org.newswire.store.ItemQueries;

/**
 * Rendered entries of search pages, each kept under what decides its bytes: the format, the
 * base URL links are made with, and the item's stamp (row, story, stored dates, the other
 * reports listed). An edit, an article arriving or an agency joining the story changes the
 * stamp, so a stale entry is never found. The sources' titles and URLs are not in the key:
 * every call names the sources it renders with, and entries are kept for the current ones only
 * (a render that began before the sources changed does not leave its entry behind). Searches for different words mostly
 * show the same newest items, and an uncached search page then costs the index look-up, one
 * narrow read and the entries not yet rendered. Bounded by bytes (entries and keys), least
 * recently used first out.
 */
final class EntryCache {
  record Key(Format format, URI base, ItemQueries.Stamp stamp) {
    /** Roughly what the key holds on the heap: its reports' text is most of it. */
    long size() {
      long n = 200 + 2L * base.toString().length();
      for (org.newswire.model.StoredItem.Report r : stamp.others()) {
        n += 120 + 2L * (r.sourceId().length() + r.identityHash().length()
            + r.title().map(String::length).orElse(0) + r.link().map(String::length).orElse(0));
      }
      return n;
    }
  }

  private final long maxBytes;
  private final LinkedHashMap<Key, Documents.Entry> entries =
      new LinkedHashMap<>(1024, 0.75f, true);
  private long bytes;
  /** The sources (by identity) the kept entries were rendered with. */
  private Map<String, Source> sources = Map.of();

  EntryCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The entries of {@code stamps} in {@code format}, in order: those kept, and the others read
   * with {@code contents} (in one call) and rendered, then kept. An item deleted since it was
   * stamped is left out.
   *
   * @param known the sources the entries are rendered with (see {@link #sources})
   */
  List<Documents.Entry> render(Format format, URI base, Map<String, Source> known,
      List<ItemQueries.Stamp> stamps,
      Function<Collection<ItemQueries.Stamp>, Map<Long, StoredItem>> contents) {
    List<Key> keys = stamps.stream().map(st -> new Key(format, base, st)).toList();
    List<Optional<Documents.Entry>> kept = new ArrayList<>(keys.size());
    List<ItemQueries.Stamp> missing = new ArrayList<>();
    for (Key k : keys) {
      Optional<Documents.Entry> e = get(known, k);
      kept.add(e);
      if (e.isEmpty()) {
        missing.add(k.stamp());
      }
    }
    Map<Long, StoredItem> read = missing.isEmpty() ? Map.of() : contents.apply(missing);
    List<Documents.Entry> out = new ArrayList<>(keys.size());
    for (int n = 0; n < keys.size(); n++) {
      if (kept.get(n).isPresent()) {
        out.add(kept.get(n).get());
        continue;
      }
      StoredItem item = read.get(keys.get(n).stamp().rowId());
      if (item != null) {
        Documents.Entry e = Documents.entry(format, EntryView.of(item, known, base));
        // Kept only under the stamp it was read as: an item that moved to another story
        // between the two reads is shown as read, but not kept under its old story.
        if (keys.get(n).stamp().describes(item)) {
          put(known, keys.get(n), e);
        }
        out.add(e);
      }
    }
    return out;
  }

  /** The sources are now {@code current}: entries rendered with others are dropped. */
  synchronized void sources(Map<String, Source> current) {
    if (current != sources) {
      sources = current;
      entries.clear();
      bytes = 0;
    }
  }

  /** The entry of {@code key} rendered with {@code with}, if kept. */
  synchronized Optional<Documents.Entry> get(Map<String, Source> with, Key key) {
    return with == sources ? Optional.ofNullable(entries.get(key)) : Optional.empty();
  }

  /** Keeps an entry rendered with {@code with}, unless the sources have changed since. */
  synchronized void put(Map<String, Source> with, Key key, Documents.Entry entry) {
    // A huge entry would push out many ordinary ones: rendered each time instead.
    if (with != sources || key.size() + entry.size() > maxBytes / 16) {
      return;
    }
    Documents.Entry old = entries.put(key, entry);
    bytes += key.size() + entry.size() - (old == null ? 0 : key.size() + old.size());
    for (Iterator<Map.Entry<Key, Documents.Entry>> it = entries.entrySet().iterator();
        bytes > maxBytes && it.hasNext(); ) {
      Map.Entry<Key, Documents.Entry> e = it.next();
      bytes -= e.getKey().size() + e.getValue().size();
      it.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long bytes() {
    return bytes;
  }
}
