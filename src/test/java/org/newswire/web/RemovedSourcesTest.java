package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.model.Source;
import org.newswire.publish.Publisher;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;

/**
 * A source removed from the configuration keeps its items in the merged feed, and its id keeps
 * selecting them until they are purged; an empty feed tells an honest time.
 */
class RemovedSourcesTest {
  private static final Instant STARTED = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void removedSourceStaysSelectableWhileItHasItems() {
    try (Fixture fx = new Fixture()) {
      // kabar was removed from sources.yml; its item stays stored.
      List<Source> configured = Fixture.SOURCES.stream()
          .filter(s -> !s.id().equals("kabar")).toList();
      Publisher publisher = new Publisher(fx.db.items(), Servers.settings(), () -> configured);
      try (WebServer web = new WebServer(publisher, Servers.settings())) {
        web.start();
        String base = "http://127.0.0.1:" + web.port();

        HttpResponse<byte[]> bySource = Http.get(base + "/feed.atom?source=kabar");
        assertThat(bySource.statusCode()).isEqualTo(200);
        assertThat(Http.entryIds(Http.text(bySource)))
            .containsExactly(Fixture.entryId("kabar", "k1"));
        HttpResponse<byte[]> both = Http.get(base + "/feed.atom?source=kabar,ria");
        assertThat(Http.entryIds(Http.text(both))).contains(Fixture.entryId("kabar", "k1"))
            .hasSize(3);
        HttpResponse<byte[]> byPath = Http.get(base + "/sources/kabar/feed.atom");
        assertThat(byPath.statusCode()).isEqualTo(200);
        assertThat(Http.entryIds(Http.text(byPath)))
            .containsExactly(Fixture.entryId("kabar", "k1"));

        HttpResponse<byte[]> unknown = Http.get(base + "/feed.atom?source=nosuch");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Http.text(unknown)).contains("no source 'nosuch'");
        // Filters by metadata cannot know a source that is no longer described.
        assertThat(Http.entryIds(Http.text(Http.get(base + "/feed.atom?category=economy"))))
            .isEmpty();
      }
    }
  }

  @Test
  void emptyFeedIsAsOldAsTheStoresLastChangeNeverTheEpoch() {
    DbSettings settings = TestDatabases.createFresh();
    try (Database db = Database.open(settings)) {
      List<Source> sources = List.of(Servers.source("tass", "ТАСС", "ru"));
      Clock clock = Clock.fixed(STARTED, ZoneOffset.UTC);
      Publisher publisher = new Publisher(db.items(), Servers.settings(), () -> sources, clock,
          Duration.ZERO);
      try (WebServer web = new WebServer(publisher, Servers.settings())) {
        web.start();
        String base = "http://127.0.0.1:" + web.port();

        // Nothing ever stored: the server's start.
        String atom = Http.text(Http.get(base + "/feed.atom"));
        assertThat(atom).doesNotContain("1970").contains("<updated>2030-01-01T00:00:00Z</updated>");
        assertThat(Http.text(Http.get(base + "/feed.rss")))
            .doesNotContain("1970").contains("<lastBuildDate>Tue, 1 Jan 2030 00:00:00 GMT");

        // Items stored, then all purged: when they were deleted.
        Instant polled = Instant.parse("2031-05-02T08:00:00Z");
        Items.poll(db.feeds(), "tass", polled, List.of(item("t1").build()));
        Instant purged = Instant.parse("2031-06-03T09:30:00Z");
        assertThat(db.purge().deleteItems("tass", 100, purged)).isEqualTo(1);
        assertThat(Http.text(Http.get(base + "/feed.atom")))
            .contains("<updated>2031-06-03T09:30:00Z</updated>");
      }
    } finally {
      TestDatabases.drop(settings);
    }
  }
}
