package org.newswire.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.newswire.store.ItemChanges;
import org.newswire.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of one process: a Lucene index in its own directory, derived from the items
 * in MariaDB and never the only copy of anything. {@link #start()} builds it when it is
 * missing or of another {@link IndexSchema#VERSION version}, then follows the store's change
 * log; until built, {@link #search} refuses with {@link SearchRefusedException.Kind#NOT_READY}.
 * Lucene's write lock keeps a second process (another daemon on the same directory, {@code
 * newswire reindex}) out while one holds it.
 */
public final class SearchIndex implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

  /** A position in the merged feed's order: results start strictly after (older than) it. */
  public record After(Instant publishedAt, long itemId) {}

  /** Item ids of one page, newest first, one per story; {@code more}: later pages exist. */
  public record Hits(List<Long> ids, boolean more) {
    public Hits {
      ids = List.copyOf(ids);
    }
  }

  /** How long a search waits for one of the {@link #running} turns before a 503. */
  static final java.time.Duration QUEUE_WAIT = java.time.Duration.ofSeconds(2);

  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Indexer indexer;
  private final ItemChanges changes;
  private final Semaphore running =
      new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
  private volatile Optional<java.util.function.LongConsumer> latency = Optional.empty();
  private volatile Thread thread;
  private volatile boolean closed;
  private final Object wake = new Object();

  private SearchIndex(Path dir, FSDirectory directory, IndexWriter writer, ItemChanges changes,
      Clock clock, Optional<String> replaced, Duration idleAfter) throws IOException {
    this.dir = dir;
    this.directory = directory;
    this.writer = writer;
    this.changes = changes;
    this.searchers = new SearcherManager(writer, null);
    this.indexer = new Indexer(writer, searchers, changes, clock, () -> closed, replaced,
        idleAfter);
  }

  /**
   * Opens (or creates, mode 0700) the index in {@code dir}; does not read the database yet.
   *
   * @throws IndexLockedException when another process has the index open
   * @throws UncheckedIOException when the directory cannot be used
   */
  public static SearchIndex open(Path dir, ItemChanges changes, Clock clock) {
    return open(dir, changes, clock, Indexer.SEARCH_IDLE_AFTER);
  }

  /**
   * As {@link #open(Path, ItemChanges, Clock)}, search-idle after {@code idleAfter} without a
   * search rather than {@link Indexer#SEARCH_IDLE_AFTER}.
   */
  public static SearchIndex open(Path dir, ItemChanges changes, Clock clock,
      Duration idleAfter) {
    FSDirectory directory = null;
    try {
      Files.createDirectories(dir);
      try {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException e) {
        log.debug("{}: no POSIX permissions on this file system", dir);
      }
      directory = FSDirectory.open(dir);
      Optional<String> found = version(directory);
      boolean same = found.filter(IndexSchema.VERSION::equals).isPresent();
      IndexWriter writer = new IndexWriter(directory, writerConfig(same));
      return new SearchIndex(dir, directory, writer, changes, clock,
          same ? Optional.empty() : found, idleAfter);
    } catch (LockObtainFailedException e) {
      close(directory);
      throw new IndexLockedException(dir);
    } catch (IOException e) {
      close(directory);
      throw new UncheckedIOException("cannot open the search index in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** How the index is written; {@code append}: an index of this version is opened as it is. */
  static IndexWriterConfig writerConfig(boolean append) {
    return new IndexWriterConfig(Terms.ANALYZER)
        .setIndexSort(IndexSchema.NEWEST_FIRST)
        .setOpenMode(append ? IndexWriterConfig.OpenMode.APPEND
            : IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(64)
        // A build or a round cut short must not be committed with the old position.
        .setCommitOnClose(false);
  }

  /**
   * The version the index in {@code directory} was written with ("none" when it has no
   * version), empty when there is no index. Another version is replaced rather than opened:
   * its sort or fields may not even open with this build's settings.
   */
  private static Optional<String> version(FSDirectory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return Optional.empty();
    }
    return Optional.of(SegmentInfos.readLatestCommit(directory).getUserData()
        .getOrDefault(IndexSchema.USER_VERSION, "none"));
  }

  private static void close(FSDirectory d) {
    if (d != null) {
      try {
        d.close();
      } catch (IOException e) {
        log.debug("closing the index directory: {}", e.getMessage());
      }
    }
  }

  public Path directory() {
    return dir;
  }

  /** Runs {@code r} after changes became searchable (drop cached search pages). */
  public void onApplied(Runnable r) {
    indexer.onApplied(r);
  }

  /**
   * Makes every change written to the index searchable now, if it is not yet: with no search
   * for a while the index stops refreshing ({@link Indexer#SEARCH_IDLE_AFTER}), and the next
   * search catches up first. {@link #search} does this itself; a cache of search results asks
   * before it looks.
   */
  public void catchUp() {
    try {
      indexer.searching();
    } catch (IOException e) {
      throw new UncheckedIOException("refreshing the search index in " + dir + " failed", e);
    }
  }

  /**
   * Whether changes are written to the index that searches do not see yet and a refresh is due:
   * the next search ({@link #catchUp}) would show more than a cached answer.
   */
  public boolean behind() {
    return indexer.behind();
  }

  /** Starts the background thread: build if needed, then follow the change log. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::follow, "search-index");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    boolean failing = false;
    while (!closed) {
      try {
        if (!indexer.ready()) {
          Optional<String> why = indexer.rebuildReason();
          if (why.isPresent()) {
            indexer.rebuild(why.get());
          } else {
            indexer.resume();
          }
        }
        boolean busy = indexer.followOnce();
        if (failing) {
          log.info("search index: following the change log again");
          failing = false;
        }
        if (!busy) {
          pause(Indexer.POLL.toMillis());
        }
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          log.warn("search index: cannot follow the item changes: {}; retrying",
              Indexer.reason(e));
          failing = true;
        }
        pause(5_000);
      }
    }
  }

  /**
   * Waits, or less when closed. Not Thread.interrupt(): an interrupt during a write closes
   * Lucene's file channels under the writer.
   */
  private void pause(long millis) {
    synchronized (wake) {
      if (!closed) {
        try {
          wake.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  /**
   * Builds the index from the items now, on this thread ({@code newswire reindex}).
   *
   * @return the number of items indexed
   */
  public long rebuild() {
    try {
      indexer.rebuild("requested");
      return indexer.built();
    } catch (IOException e) {
      throw new UncheckedIOException("building the search index in " + dir + " failed: "
          + e.getMessage(), e);
    }
  }

  /**
   * One page of matches for {@code query}, newest first.
   *
   * @param sources only items of these sources (empty: all)
   * @param grouped one item per story (the merged feed's rule); false: every matching item
   * @throws SearchRefusedException when the query expands too far, the index is not built
   *     yet, or too many searches run
   */
  public Hits search(SearchQuery query, Optional<Set<String>> sources, Optional<After> after,
      int limit, boolean grouped) {
    if (!indexer.ready()) {
      throw new SearchRefusedException(SearchRefusedException.Kind.NOT_READY,
          "the search index is being built (" + indexer.built() + " items so far);"
              + " try again shortly");
    }
    // A burst waits a little for a turn; only a backlog that lasts is refused.
    boolean turn;
    try {
      turn = running.tryAcquire(QUEUE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      turn = false;
    }
    if (!turn) {
      throw new SearchRefusedException(SearchRefusedException.Kind.BUSY,
          "too many searches in progress; try again shortly");
    }
    long started = System.nanoTime();
    try {
      indexer.searching();
      IndexSearcher searcher = searchers.acquire();
      try {
        return new StorySearch(searcher).page(query, sources, after, limit, grouped);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("searching the index in " + dir + " failed", e);
    } finally {
      running.release();
      latency.ifPresent(t -> t.accept(System.nanoTime() - started));
    }
  }

  /** Calls {@code nanos} with each answered search's latency (for {@code /metrics}). */
  public void onSearch(java.util.function.LongConsumer nanos) {
    latency = Optional.of(nanos);
  }

  /**
   * Item changes stored but not yet searchable: the database's newest change seq minus the
   * index's (what the next search sees: a search-idle index refreshes before it); NaN when the
   * database does not answer.
   */
  public double lag() {
    try {
      return Math.max(0, changes.maxSeq() - indexer.written());
    } catch (StoreException e) {
      return Double.NaN;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      searchers.close();
      if (writer.isOpen()) {
        if (indexer.ready()) {
          indexer.commit();
        }
        writer.close();
      }
    } catch (IOException | RuntimeException e) {
      log.warn("closing the search index in {}: {}", dir, e.toString());
      try {
        writer.rollback();
      } catch (IOException | RuntimeException ignored) {
        log.debug("rolling back the search index: {}", ignored.toString());
      }
    }
    close(directory);
  }
}
