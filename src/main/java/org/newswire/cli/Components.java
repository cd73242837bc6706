package org.newswire.cli;

import java.time.Clock;
import org.newswire.config.NewswireConfig;
import org.newswire.fetch.Fetcher;
import org.newswire.dedup.StoryMatcher;
import org.newswire.ingest.Ingester;
import org.newswire.ingest.StoryStage;
import org.newswire.ingest.RefreshPolicy;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;

/**
 * The composition root: plain constructors, started in dependency order and closed in reverse.
 */
final class Components implements AutoCloseable {
  private final Database database;
  private final Fetcher fetcher;
  private final Ingester ingester;

  private Components(Database database, Fetcher fetcher, Ingester ingester) {
    this.database = database;
    this.fetcher = fetcher;
    this.ingester = ingester;
  }

  static Components open(NewswireConfig cfg) {
    Database db = Database.open(cfg.db());
    Fetcher fetcher = new Fetcher(cfg.fetch());
    Ingester ingester = new Ingester(fetcher, new FeedParser(), db.feeds(),
        RefreshPolicy.fixedInterval(), Clock.systemUTC(), cfg.fetch().maxItems(),
        new StoryStage(new StoryMatcher(), cfg.stories().enabled(),
            cfg.stories().window(), db.stories()));
    return new Components(db, fetcher, ingester);
  }

  Database database() {
    return database;
  }

  Fetcher fetcher() {
    return fetcher;
  }

  Ingester ingester() {
    return ingester;
  }

  @Override
  public void close() {
    fetcher.close();
    database.close();
  }
}
