package org.newswire.ingest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.newswire.fetch.FetchResult;
import org.newswire.model.Entry;
import org.newswire.model.FinishedItem;
import org.newswire.model.ParsedFeed;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.parse.ParseContext;
import org.newswire.parse.ParseResult;
import org.newswire.parse.Skim;
import org.newswire.store.FeedStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A changed feed body to the items a poll stores: parsed (leaving out the entries the source's
 * last read held, {@link EntryMemory}), identified, checked against the store, and the new and
 * edited entries finished. When an entry left out cannot stand as remembered, the body is read
 * whole, so the result is always what a whole read gives. Thread-safe.
 */
final class ChangedFeeds {
  private static final Logger log = LoggerFactory.getLogger(ChangedFeeds.class);

  private final FeedParser parser;
  private final FeedStore store;
  private final ItemFinisher finisher;
  private final int maxItems;
  private final EntryMemory memory = new EntryMemory();
  private final LongAdder leftOut = new LongAdder();
  private final LongAdder rereads = new LongAdder();

  ChangedFeeds(FeedParser parser, FeedStore store, ItemFinisher finisher, int maxItems) {
    this.parser = parser;
    this.store = store;
    this.finisher = finisher;
    this.maxItems = maxItems;
  }

  long entriesLeftOut() {
    return leftOut.sum();
  }

  long rereads() {
    return rereads.sum();
  }

  sealed interface Outcome {}

  /** The body is no feed (the reason is one line for the source's status). */
  record Unreadable(String reason) implements Outcome {}

  /**
   * The feed and its items to store; {@link #stored} once they are committed, so that the next
   * read of the feed may leave this one's entries out.
   */
  final class Read implements Outcome {
    private final Source source;
    private final long context;
    private final String body;
    private final Skim skim;
    private final List<ItemFinisher.Identified> read;
    private final Optional<EntryMemory.Remembered> remembered;
    private final ParsedFeed feed;
    private final Changed changed;

    private Read(Source source, long context, String body, Skim skim,
        List<ItemFinisher.Identified> read, Optional<EntryMemory.Remembered> remembered,
        ParsedFeed feed, Changed changed) {
      this.source = source;
      this.context = context;
      this.body = body;
      this.skim = skim;
      this.read = read;
      this.remembered = remembered;
      this.feed = feed;
      this.changed = changed;
    }

    ParsedFeed feed() {
      return feed;
    }

    List<FinishedItem> items() {
      return changed.items();
    }

    /**
     * What the store held under the identities of the entries read, as this read found it
     * (content hashes, "" for a tombstone); empty when the source had no items to look up.
     */
    Optional<Map<String, String>> known() {
      return changed.known();
    }

    void stored() {
      leftOut.add(skim.skipped().size());
      if (skim.shell() != 0 && read.size() == skim.spans().size()) {
        memory.remember(source.id(), context, body, skim.shell(), skim.spans(), read,
            skim.skipped(), remembered);
      } else {
        memory.forget(source.id());
      }
    }
  }

  /**
   * @param mayHaveItems whether the source may have stored items (not on its first poll)
   * @param storedBody the body hash of the source's state as read for this poll: when it is
   *     the body the remembered read was made of, no other poll has stored items of the source
   *     since, and the entries left out need no look-up in the store
   * @param body the hash of {@code f}'s body, kept with what this read remembers
   * @throws org.newswire.store.StoreException when the store cannot say which entries it has
   */
  Outcome read(Source source, FetchResult.Fetched f, Instant now, boolean mayHaveItems,
      Optional<String> storedBody, String body) {
    long context = EntryMemory.context(source, f.finalUrl());
    Optional<EntryMemory.Remembered> remembered = mayHaveItems
        ? memory.recall(source.id(), context) : Optional.empty();
    boolean vouched = remembered.filter(r -> r.madeOf(storedBody)).isPresent();
    // At most twice: a read that leaves nothing out is never turned away.
    while (true) {
      Skim skim = skim(source, f, now, remembered.map(EntryMemory.Remembered::known));
      if (skim.result() instanceof ParseResult.Unreadable u) {
        memory.forget(source.id());
        return new Unreadable(u.reason());
      }
      ParsedFeed feed = capped(source, ((ParseResult.Parsed) skim.result()).feed(),
          f.finalUrl());
      for (String warning : feed.warnings()) {
        log.debug("source {} ({}): {}; the rest of the feed is read", source.id(),
            SecretUrls.redact(f.finalUrl()), warning);
      }
      List<ItemFinisher.Identified> ids = ItemFinisher.identify(feed.entries());
      Optional<Changed> changed = changedItems(source, feed, ids, skim, remembered,
          vouched, f.finalUrl(), now, mayHaveItems);
      if (changed.isPresent()) {
        return new Read(source, context, body, skim, ids, remembered, feed, changed.get());
      }
      // An entry left out must be read after all: read the feed whole.
      rereads.increment();
      remembered = Optional.empty();
      vouched = false;
    }
  }

  private Skim skim(Source source, FetchResult.Fetched f, Instant now,
      Optional<Skim.Known> known) {
    try {
      return parser.skim(f.body(), new ParseContext(f.contentType(),
          Optional.of(f.finalUrl()), source.timezone(), now), known);
    } catch (RuntimeException e) {
      log.error("source {} ({}): parser bug", source.id(), SecretUrls.redact(f.finalUrl()), e);
      return new Skim(new ParseResult.Unreadable("internal parser error: " + e), 0, List.of(),
          List.of());
    }
  }

  private ParsedFeed capped(Source source, ParsedFeed feed, URI url) {
    List<Entry> kept = NewestEntries.of(feed.entries(), maxItems);
    if (kept.size() == feed.entries().size()) {
      return feed;
    }
    log.warn("source {} ({}): the feed lists {} entries; storing the newest {}"
        + " (fetch.max_items)", source.id(), SecretUrls.redact(url), feed.entries().size(),
        kept.size());
    return feed.withEntries(kept);
  }

  /** A read's new and edited entries, finished, and the store's content hashes it went by. */
  private record Changed(List<FinishedItem> items, Optional<Map<String, String>> known) {}

  /**
   * The new and edited entries, finished (unchanged ones skip the finisher entirely); empty
   * when an entry the read left out ({@code skim.skipped()}) would now have another identity,
   * or, unless the memory is {@code vouched} for, is not what the store holds for it: then the
   * feed must be read whole.
   */
  private Optional<Changed> changedItems(Source source, ParsedFeed feed,
      List<ItemFinisher.Identified> ids, Skim skim,
      Optional<EntryMemory.Remembered> remembered, boolean vouched, URI base, Instant now,
      boolean mayHaveItems) {
    List<EntryMemory.Known> left = List.of();
    if (!skim.skipped().isEmpty()) {
      if (feed.entries().size() + skim.skipped().size() > maxItems) {
        return Optional.empty(); // the newest of all entries are to be chosen
      }
      Optional<List<EntryMemory.Known>> held = remembered
          .flatMap(r -> r.leftOut(skim.skipped(), ids));
      if (held.isEmpty()) {
        return Optional.empty();
      }
      left = held.get();
    }
    // Vouched for, the left-out entries are as this process stored or found them, and the
    // store lost none since but to deletions, which leave tombstones (never stored again
    // either way): looking them up was the larger part of a changed poll's known-items read.
    List<EntryMemory.Known> checked = vouched ? List.of() : left;
    List<String> hashes = new ArrayList<>(ids.size() + checked.size());
    ids.forEach(i -> hashes.add(i.identity().hash()));
    checked.forEach(k -> hashes.add(k.identity()));
    Map<String, String> known = mayHaveItems ? store.knownItems(source.id(), hashes) : Map.of();
    for (EntryMemory.Known k : checked) {
      if (toStore(known.get(k.identity()), k.contentHash())) {
        return Optional.empty(); // deleted, or changed in the store since: read it again
      }
    }
    List<ItemFinisher.Identified> todo = new ArrayList<>();
    List<Boolean> isNew = new ArrayList<>();
    for (ItemFinisher.Identified i : ids) {
      String storedHash = known.get(i.identity().hash());
      if (toStore(storedHash, i.contentHash())) {
        todo.add(i);
        isNew.add(storedHash == null);
      }
    }
    return Optional.of(new Changed(finisher.finishPolled(source, todo, isNew, base, now),
        mayHaveItems ? Optional.of(known) : Optional.empty()));
  }

  /**
   * Whether an entry is to be stored, given the content hash stored under its identity: none
   * (new), or another one (edited); an empty one is a deleted item's tombstone, never stored
   * again.
   */
  private static boolean toStore(String storedHash, String contentHash) {
    return storedHash == null || !storedHash.isEmpty() && !storedHash.equals(contentHash);
  }
}
