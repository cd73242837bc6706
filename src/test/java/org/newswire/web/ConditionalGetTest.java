package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.model.Source;
import org.newswire.publish.Publisher;
import org.newswire.store.Items;
import org.slf4j.LoggerFactory;

/** If-Modified-Since over real HTTP: bad dates are ignored, late-filed items are news. */
class ConditionalGetTest {
  private static final List<Source> SOURCES = List.of(Servers.source("late", "Late", "ru"));
  private static Fixture fx;

  @BeforeAll
  static void start() {
    fx = new Fixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void anInvalidIfModifiedSinceIsIgnored() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try (WebServer web = new WebServer(fx.db.items(), Servers.settings(), () -> Fixture.SOURCES)) {
      web.start();
      String feed = "http://127.0.0.1:" + web.port() + "/feed.atom";
      HttpResponse<byte[]> plain = Http.get(feed);
      for (String bad : List.of("yesterday", "Fri, 32 Foo 2024 99:00:00 GMT", "", "0")) {
        HttpResponse<byte[]> r = Http.get(feed, "If-Modified-Since", bad);
        assertThat(r.statusCode()).as(bad).isEqualTo(200);
        assertThat(r.body()).as(bad).isEqualTo(plain.body());
      }
    } finally {
      root.detachAppender(logged);
    }
    assertThat(logged.list).noneMatch(e -> e.getThrowableProxy() != null);
  }

  @Test
  void aLateFiledItemWithAnOldDateIsNotAnswered304() {
    Publisher publisher = new Publisher(fx.db.items(), Servers.settings(), () -> SOURCES);
    try (WebServer web = new WebServer(publisher, Servers.settings())) {
      web.start();
      String feed = "http://127.0.0.1:" + web.port() + "/feed.atom?source=late";
      Instant firstPoll = Instant.parse("2025-05-01T12:00:00Z");
      Items.poll(fx.store, "late", firstPoll, List.of(
          item("fresh").published(firstPoll.minusSeconds(60)).build()));
      publisher.invalidate();
      HttpResponse<byte[]> first = Http.get(feed);
      String modified = first.headers().firstValue("Last-Modified").orElseThrow();
      assertThat(Http.get(feed, "If-Modified-Since", modified).statusCode()).isEqualTo(304);
      // Filed later, dated a day earlier than everything the reader has seen.
      Items.poll(fx.store, "late", firstPoll.plusSeconds(600), List.of(
          item("late").published(firstPoll.minusSeconds(86_400)).build()));
      publisher.invalidate();
      HttpResponse<byte[]> after = Http.get(feed, "If-Modified-Since", modified);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(Http.entryIds(Http.text(after))).contains(Fixture.entryId("late", "late"));
      assertThat(after.headers().firstValue("Last-Modified")).isPresent()
          .isNotEqualTo(java.util.Optional.of(modified));
    }
  }
}
