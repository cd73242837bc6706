package org.newswire.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} when sources.yml changes on disk. Watches the directory, not the file,
 * because editors and config management replace files by renaming; bursts of events within
 * {@link #SETTLE_MILLIS} become one reload.
 */
final class SourcesWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SourcesWatcher.class);
  static final long SETTLE_MILLIS = 300;

  private final WatchService watch;
  private final Thread thread;

  SourcesWatcher(Path file, Runnable onChange) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path name = file.getFileName();
    this.watch = FileSystems.getDefault().newWatchService();
    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = new Thread(() -> loop(name, onChange), "newswire-config-watch");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop(Path name, Runnable onChange) {
    try {
      while (true) {
        WatchKey key = watch.take();
        boolean relevant = false;
        do {
          for (WatchEvent<?> e : key.pollEvents()) {
            relevant |= name.equals(e.context());
          }
          key.reset();
        } while ((key = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null);
        if (relevant) {
          onChange.run();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("config watcher stopped; reload with SIGHUP or systemctl reload newswire", e);
    }
  }

  @Override
  public void close() throws IOException {
    watch.close();
    thread.interrupt();
  }
}
