package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.store.Items.item;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.publish.Publisher;
import org.newswire.store.Items;
import org.newswire.testing.MutableClock;

/** The cache drops documents on invalidate() and when another writer's change is seen. */
class CacheInvalidationTest {
  private static Fixture fx;

  @BeforeAll
  static void start() {
    fx = new Fixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** A publisher of the one source "mut" on {@code clock}, checking for changes every {@code check}. */
  private static Publisher publisherOfMut(MutableClock clock, Duration check) {
    List<org.newswire.model.Source> sources = List.of(Servers.source("mut", "Mut", "de"));
    return new Publisher(fx.db.items(), Servers.settings(), () -> sources, clock, check);
  }

  private static List<String> idsIn(String atom) {
    return Http.entryIds(atom);
  }

  @Test
  void newItemsShowAfterInvalidateOrAfterTheChangeCheck() {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    Publisher publisher = publisherOfMut(clock, Duration.ofSeconds(5));
    try (WebServer web = new WebServer(publisher, Servers.settings())) {
      web.start();
      String feed = "http://127.0.0.1:" + web.port() + "/feed.atom?source=mut";
      HttpResponse<byte[]> empty = Http.get(feed);
      assertThat(idsIn(Http.text(empty))).isEmpty();
      assertThat(empty.headers().firstValue("Last-Modified")).isEmpty();
      Items.poll(fx.store, "mut", Fixture.T0, List.of(item("m1").build()));
      // Cached, and the next check is not due: the same document.
      assertThat(Http.get(feed).headers().firstValue("ETag"))
          .isEqualTo(empty.headers().firstValue("ETag"));
      publisher.invalidate();
      assertThat(idsIn(Http.text(Http.get(feed)))).containsExactly(Fixture.entryId("mut", "m1"));
      // Another process stores an item: seen once the check interval has passed.
      Items.poll(fx.store, "mut", Fixture.T0.plusSeconds(1),
          List.of(item("m2").published(Fixture.T0.plusSeconds(30)).build()));
      assertThat(idsIn(Http.text(Http.get(feed)))).hasSize(1);
      clock.advance(Duration.ofSeconds(6));
      assertThat(idsIn(Http.text(Http.get(feed))))
          .containsExactly(Fixture.entryId("mut", "m2"), Fixture.entryId("mut", "m1"));
    }
  }

  @Test
  void aDueCheckTakesOneRequestToTheRendersTheOthersAreAnsweredFromTheCache() {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    Publisher publisher = publisherOfMut(clock, Duration.ofSeconds(1));
    java.util.Map<String, List<String>> params = java.util.Map.of();
    java.util.function.Supplier<java.net.URI> base =
        () -> java.net.URI.create("http://127.0.0.1:1");
    assertThat(publisher.render(org.newswire.publish.Format.ATOM, java.util.Optional.empty(),
        params, base)).isInstanceOf(Publisher.Rendered.class);
    assertThat(publisher.renderIfCached(org.newswire.publish.Format.ATOM,
        java.util.Optional.empty(), params, base)).isPresent();

    clock.advance(Duration.ofSeconds(2)); // a check is due
    // The first request carries it to render(); while it waits its turn, the others are
    // answered from the cache rather than all queueing behind it.
    assertThat(publisher.renderIfCached(org.newswire.publish.Format.ATOM,
        java.util.Optional.empty(), params, base)).isEmpty();
    for (int i = 0; i < 3; i++) {
      assertThat(publisher.renderIfCached(org.newswire.publish.Format.ATOM,
          java.util.Optional.empty(), params, base)).isPresent();
    }
    // That request never ran (turned away by a full queue): after a while another takes it.
    clock.advance(Duration.ofSeconds(6));
    assertThat(publisher.renderIfCached(org.newswire.publish.Format.ATOM,
        java.util.Optional.empty(), params, base)).isEmpty();
    assertThat(publisher.render(org.newswire.publish.Format.ATOM, java.util.Optional.empty(),
        params, base)).isInstanceOf(Publisher.Rendered.class); // runs the check
    assertThat(publisher.renderIfCached(org.newswire.publish.Format.ATOM,
        java.util.Optional.empty(), params, base)).isPresent();
    clock.advance(Duration.ofMillis(1500)); // the next check is due: claimed at once again
    assertThat(publisher.renderIfCached(org.newswire.publish.Format.ATOM,
        java.util.Optional.empty(), params, base)).isEmpty();
  }
}
