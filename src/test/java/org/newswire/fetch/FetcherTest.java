package org.newswire.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.fetch.TestSupport.CLOCK;
import static org.newswire.fetch.TestSupport.NOW;
import static org.newswire.fetch.TestSupport.buffer;
import static org.newswire.fetch.TestSupport.resource;
import static org.newswire.fetch.TestSupport.settings;
import static org.newswire.fetch.TestSupport.uri;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newswire.fetch.FetchResult.Failed;
import org.newswire.fetch.FetchResult.Fetched;
import org.newswire.fetch.FetchResult.Kind;
import org.newswire.fetch.FetchResult.NotModified;
import org.newswire.fetch.FetchResult.RateLimited;

/** HTTP semantics: validators, caching hints, encodings, statuses, request headers. */
class FetcherTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final Fetcher fetcher = new Fetcher(settings(), CLOCK);
  private final byte[] feed = resource("kabar-windows-1251.xml");

  @AfterEach
  void closeFetcher() {
    fetcher.close();
  }

  @Test
  void conditionalGetRoundTrip() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "application/rss+xml; charset=windows-1251")
        .setHeader("ETag", "\"kabar-v1\"")
        .setHeader("Last-Modified", "Sat, 03 Jul 2021 04:10:00 GMT")
        .setHeader("Cache-Control", "public, max-age=300")
        .setHeader("Expires", "Sat, 03 Jul 2021 04:20:00 GMT")
        .body(buffer(feed))
        .build());
    server.enqueue(new MockResponse.Builder().code(304).setHeader("ETag", "\"kabar-v2\"").build());

    Fetched first = (Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(feed);
    assertThat(new String(first.body(), Charset.forName("windows-1251")))
        .contains("Кабар — Новости Кыргызстана");
    assertThat(first.contentType()).contains("application/rss+xml; charset=windows-1251");
    assertThat(first.etag()).contains("\"kabar-v1\"");
    assertThat(first.lastModified()).contains("Sat, 03 Jul 2021 04:10:00 GMT");
    assertThat(first.cacheHints().maxAge()).contains(Duration.ofMinutes(5));
    assertThat(first.cacheHints().expires()).contains(Instant.parse("2021-07-03T04:20:00Z"));
    assertThat(first.permanentRedirect()).isEmpty();
    assertThat(first.finalUrl()).isEqualTo(uri(server, "/rss"));
    assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();

    FetchResult second = fetcher.fetch(
        new FetchRequest(uri(server, "/rss"), first.etag(), first.lastModified()));
    RecordedRequest conditional = server.takeRequest();
    assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"kabar-v1\"");
    assertThat(conditional.getHeaders().get("If-Modified-Since"))
        .isEqualTo("Sat, 03 Jul 2021 04:10:00 GMT");
    // The 304 brought a new ETag but no Last-Modified: the one we sent stays valid.
    assertThat(second).isEqualTo(new NotModified(Optional.of("\"kabar-v2\""),
        Optional.of("Sat, 03 Jul 2021 04:10:00 GMT"), CacheHints.none()));
  }

  @Test
  void connectionsToOneHostAreReused() throws Exception {
    server.enqueue(new MockResponse.Builder().body(buffer(feed)).build());
    server.enqueue(new MockResponse.Builder().code(304).build());
    fetcher.fetch(FetchRequest.of(uri(server, "/rss/politics")));
    fetcher.fetch(FetchRequest.of(uri(server, "/rss/economy")));
    assertThat(server.takeRequest().getConnectionIndex())
        .isEqualTo(server.takeRequest().getConnectionIndex());
  }

  @Test
  void sendsUserAgentAcceptAndAcceptEncoding() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    fetcher.fetch(FetchRequest.of(uri(server, "/feed.json")));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("User-Agent"))
        .startsWith("Newswire/")
        .contains(org.newswire.config.FetchSettings.VERSION)
        .contains("https://");
    assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("gzip, deflate");
    assertThat(request.getHeaders().get("Accept")).startsWith("application/rss+xml");
  }

  @Test
  void articlePagesAskForHtml() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html><body><p>Полный текст статьи</p></body></html>").build());
    Fetched page = (Fetched) fetcher.fetchPage(uri(server, "/news/1"));
    assertThat(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Полный текст статьи");
    assertThat(page.contentType()).contains("text/html; charset=utf-8");
    assertThat(server.takeRequest().getHeaders().get("Accept")).startsWith("text/html");
  }

  @Test
  void gzipBodyIsDecompressed() {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Encoding", "gzip")
        .body(buffer(TestSupport.gzip(feed))).build());
    Fetched result = (Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(result.body()).isEqualTo(feed);
  }

  /** HTTP "deflate" is zlib-wrapped, but servers that send raw deflate exist too. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void deflateBodyIsDecompressed(boolean zlibWrapped) {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Encoding", "deflate")
        .body(buffer(TestSupport.deflate(feed, zlibWrapped))).build());
    Fetched result = (Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(result.body()).isEqualTo(feed);
  }

  @Test
  void unknownContentEncodingFailsWithoutException() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Encoding", "br").body("x").build());
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(failed.kind()).isEqualTo(Kind.NETWORK);
    assertThat(failed.reason()).contains("unsupported Content-Encoding 'br'");
  }

  @Test
  void notFoundIsAFailedValue() {
    server.enqueue(new MockResponse.Builder().code(404).body("<h1>Not here</h1>").build());
    FetchResult result = fetcher.fetch(FetchRequest.of(uri(server, "/gone.xml")));
    assertThat(result).isEqualTo(
        new Failed(Kind.HTTP_STATUS, "HTTP 404 Not Found", OptionalInt.of(404)));
  }

  @Test
  void tooManyRequestsCarriesRetryAfterSeconds() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
    FetchResult result = fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(result).isEqualTo(new RateLimited(429, Optional.of(NOW.plusSeconds(120))));
  }

  @Test
  void unavailableCarriesRetryAfterDate() {
    server.enqueue(new MockResponse.Builder().code(503)
        .setHeader("Retry-After", "Sat, 03 Jul 2021 06:00:00 GMT").build());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "soon").build());
    assertThat(fetcher.fetch(FetchRequest.of(uri(server, "/rss"))))
        .isEqualTo(new RateLimited(503, Optional.of(Instant.parse("2021-07-03T06:00:00Z"))));
    assertThat(fetcher.fetch(FetchRequest.of(uri(server, "/rss"))))
        .isEqualTo(new RateLimited(503, Optional.empty()));
  }

  @Test
  void invalidExpiresIsNoHint() {
    server.enqueue(new MockResponse.Builder().setHeader("Expires", "0")
        .setHeader("Cache-Control", "max-age=oops").body("x").build());
    Fetched result = (Fetched) fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    assertThat(result.cacheHints()).isEqualTo(CacheHints.none());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/feed.xml", "file:///etc/passwd", "mailto:a@b.kg",
      "gopher://example.com/"})
  void nonHttpUrlsAreBadUrls(String url) {
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(URI.create(url)));
    assertThat(failed.kind()).isEqualTo(Kind.BAD_URL);
    assertThat(failed.reason()).isEqualTo("not an http(s) URL: " + url);
  }

  @Test
  void closedPortIsANetworkFailure() throws Exception {
    URI url = uri(server, "/rss");
    server.close();
    Failed failed = (Failed) fetcher.fetch(FetchRequest.of(url));
    assertThat(failed.kind()).isEqualTo(Kind.NETWORK);
    assertThat(failed.reason()).startsWith("cannot connect for " + url).doesNotContain("\n");
  }

  @Test
  void keepsConnectionsToManyHostsOpenBetweenPolls() throws Exception {
    // More hosts than OkHttp's default pool keeps (5) and than the old fixed pool (32): a daemon
    // polling hundreds of hosts should not pay a handshake for every poll.
    int hosts = 40;
    try (Fetcher pooled = new Fetcher(TestSupport.withIdleConnections(settings(), hosts),
        CLOCK)) {
      java.util.List<MockWebServer> servers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < hosts; i++) {
          MockWebServer m = new MockWebServer();
          m.start();
          m.enqueue(new MockResponse.Builder().setHeader("ETag", "\"v1\"").body("<rss/>").build());
          m.enqueue(new MockResponse.Builder().code(304).build());
          servers.add(m);
        }
        for (int round = 0; round < 2; round++) {
          for (MockWebServer m : servers) {
            assertThat(pooled.fetch(FetchRequest.of(uri(m, "/feed")))).isNotInstanceOf(Failed.class);
          }
        }
        for (MockWebServer m : servers) {
          m.takeRequest();
          RecordedRequest second = m.takeRequest();
          assertThat(second.getConnectionIndex()).as("connection of the second poll").isZero();
          assertThat(second.getExchangeIndex()).as("exchange on that connection").isEqualTo(1);
        }
      } finally {
        for (MockWebServer m : servers) {
          m.close();
        }
      }
    }
  }

  @Test
  void noIdleConnectionsMeansANewConnectionPerPoll() throws Exception {
    try (Fetcher unpooled = new Fetcher(TestSupport.withIdleConnections(settings(), 0),
        CLOCK)) {
      server.enqueue(new MockResponse.Builder().body("<rss/>").build());
      server.enqueue(new MockResponse.Builder().body("<rss/>").build());
      unpooled.fetch(FetchRequest.of(uri(server, "/feed")));
      unpooled.fetch(FetchRequest.of(uri(server, "/feed")));
      server.takeRequest();
      assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(1);
    }
  }
}
