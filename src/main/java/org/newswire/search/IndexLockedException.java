package org.newswire.search;

import java.nio.file.Path;

/** Another process (a running daemon, a reindex) has the index open for writing. */
public final class IndexLockedException extends RuntimeException {
  IndexLockedException(Path dir) {
    super("the search index in " + dir + " is in use by another newswire process"
        + " (its write.lock is held)", null, false, false);
  }
}
