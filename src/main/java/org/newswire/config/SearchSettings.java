package org.newswire.config;

import java.nio.file.Path;

/**
 * {@code search:} in newswire.yml.
 *
 * @param dir the search index's directory ({@code search.dir}); by default {@code search}
 *     beside the database's data directory — not inside it, where MariaDB would take it for a
 *     database. Each daemon needs its own: the index is locked by the process that writes it.
 */
public record SearchSettings(Path dir) {
  static SearchSettings besides(Path dataDir) {
    return new SearchSettings(dataDir.toAbsolutePath().normalize().resolveSibling("search"));
  }
}
