package org.newswire.publish;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rendered documents by request (a feed query, a story page), all dropped at once when anything changes: a new item can belong
 * to any filtered view, and working out which would cost more than re-rendering the few that
 * are read again. Entries carry the generation they were rendered in, so a render that started
 * before an invalidation is never served after it. Concurrent misses on one key render once.
 */
final class DocumentCache<K> {
  private record Slot(long generation, CompletableFuture<Document> doc) {}

  private final ConcurrentHashMap<K, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final int maxEntries;

  DocumentCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  Document get(K key, Supplier<Document> render) {
    // Read before rendering: data committed after this point bumps the generation.
    long gen = generation.get();
    Slot slot = slots.get(key);
    if (slot == null || slot.generation() != gen) {
      if (slots.size() >= maxEntries) {
        // Searches make keys without bound; dropping all is crude but keeps memory flat.
        slots.clear();
      }
      Slot mine = new Slot(gen, new CompletableFuture<>());
      slot = slots.compute(key, (k, old) ->
          old != null && old.generation() == gen ? old : mine);
      if (slot == mine) {
        try {
          mine.doc().complete(render.get());
        } catch (RuntimeException | Error e) {
          mine.doc().completeExceptionally(e);
          slots.remove(key, mine);
          throw e;
        }
      }
    }
    try {
      return slot.doc().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The current document for {@code key} when one is ready; never renders or waits. */
  java.util.Optional<Document> peek(K key) {
    Slot slot = slots.get(key);
    if (slot == null || slot.generation() != generation.get() || !slot.doc().isDone()
        || slot.doc().isCompletedExceptionally()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(slot.doc().join());
  }

  void invalidate() {
    generation.incrementAndGet();
    slots.clear();
  }

  int size() {
    return slots.size();
  }
}
