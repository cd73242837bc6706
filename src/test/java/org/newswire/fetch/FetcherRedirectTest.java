package org.newswire.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.fetch.TestSupport.CLOCK;
import static org.newswire.fetch.TestSupport.settings;
import static org.newswire.fetch.TestSupport.uri;

import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newswire.fetch.FetchResult.Failed;
import org.newswire.fetch.FetchResult.Fetched;
import org.newswire.fetch.FetchResult.Kind;

/** Redirects are followed by the Fetcher itself: counted, scheme-checked, classified. */
class FetcherRedirectTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final Fetcher fetcher = new Fetcher(settings(), CLOCK);

  @AfterEach
  void closeFetcher() {
    fetcher.close();
  }

  @Test
  void chainOfPermanentRedirectsIsReported() {
    server.enqueue(redirect(301, "/rss/v2"));
    server.enqueue(redirect(308, "https-less/feed.xml")); // relative to /rss/v2
    server.enqueue(new MockResponse.Builder().body("<rss/>").build());

    Fetched fetched = (Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(fetched.finalUrl()).isEqualTo(uri(server, "/rss/https-less/feed.xml"));
    assertThat(fetched.permanentRedirect()).contains(uri(server, "/rss/https-less/feed.xml"));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aTemporaryHopMakesTheChainTemporary() {
    server.enqueue(redirect(301, "/moved"));
    server.enqueue(redirect(302, "/today"));
    server.enqueue(new MockResponse.Builder().body("<rss/>").build());

    Fetched fetched = (Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(fetched.finalUrl()).isEqualTo(uri(server, "/today"));
    assertThat(fetched.permanentRedirect()).isEmpty();
  }

  @Test
  void noRedirectIsNoPermanentRedirect() {
    server.enqueue(new MockResponse.Builder().body("<rss/>").build());
    assertThat(((Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")))).permanentRedirect())
        .isEmpty();
  }

  @Test
  void validatorsTravelWithTheRedirect() throws Exception {
    server.enqueue(redirect(301, "/new"));
    server.enqueue(new MockResponse.Builder().code(304).build());
    FetchResult result = fetcher.fetch(
        new FetchRequest(uri(server, "/old"), Optional.of("W/\"7\""), Optional.empty()));
    assertThat(result).isInstanceOf(FetchResult.NotModified.class);
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getUrl().encodedPath()).isEqualTo("/new");
    assertThat(second.getHeaders().get("If-None-Match")).isEqualTo("W/\"7\"");
  }

  @Test
  void fiveRedirectsAreFollowedAndTheSixthIsNot() {
    for (int i = 1; i <= 5; i++) server.enqueue(redirect(302, "/hop" + i));
    server.enqueue(new MockResponse.Builder().body("<rss/>").build());
    assertThat(((Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/start")))).finalUrl())
        .isEqualTo(uri(server, "/hop5"));

    for (int i = 1; i <= 6; i++) server.enqueue(redirect(302, "/again" + i));
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(uri(server, "/start")));
    assertThat(failed.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
    assertThat(server.getRequestCount()).isEqualTo(6 + 6);
  }

  @Test
  void redirectLoopStopsAtTheLimit() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return redirect(301, request.getUrl().encodedPath().equals("/a") ? "/b" : "/a");
      }
    });
    FetchResult result = fetcher.fetch(FetchRequest.of(uri(server, "/a")));
    assertThat(result).isEqualTo(Failures.failed(Kind.TOO_MANY_REDIRECTS,
        "more than 5 redirects fetching " + uri(server, "/a") + " (last to "
            + server.url("/a") + ")"));
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void redirectToANonHttpSchemeIsRefused() {
    server.enqueue(redirect(302, "file:///etc/passwd"));
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(failed.kind()).isEqualTo(Kind.BAD_REDIRECT);
    assertThat(failed.reason()).endsWith("to a non-http(s) or malformed Location file:///etc/passwd");
  }

  @Test
  void redirectWithoutLocationIsABadRedirect() {
    server.enqueue(new MockResponse.Builder().code(301).build());
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(failed.kind()).isEqualTo(Kind.BAD_REDIRECT);
    assertThat(failed.reason()).isEqualTo("HTTP 301 from " + server.url("/rss")
        + " without Location");
  }

  @Test
  void statusAfterARedirectNamesWhereItHappened() {
    server.enqueue(redirect(302, "/gone"));
    server.enqueue(new MockResponse.Builder().code(410).build());
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(failed.reason()).isEqualTo("HTTP 410 Gone at " + server.url("/gone"));
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).setHeader("Location", location).build();
  }
}
