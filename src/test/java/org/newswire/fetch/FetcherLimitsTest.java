package org.newswire.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.fetch.TestSupport.CLOCK;
import static org.newswire.fetch.TestSupport.buffer;
import static org.newswire.fetch.TestSupport.settings;
import static org.newswire.fetch.TestSupport.uri;
import static org.newswire.fetch.TestSupport.withMaxBytes;
import static org.newswire.fetch.TestSupport.withTimeouts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.newswire.fetch.FetchResult.Failed;
import org.newswire.fetch.FetchResult.Fetched;
import org.newswire.fetch.FetchResult.Kind;

/** Size, time and concurrency limits: what keeps one hostile or broken server from hurting us. */
class FetcherLimitsTest {

  private static final int LIMIT = 256 * 1024;

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void gzipBombStopsAtTheDecompressedLimit() {
    // 100 MB of zeros gzip to under 0.5 MB: within the limit on the wire, far over it inflated.
    byte[] bomb = TestSupport.gzip(new byte[100 * 1024 * 1024]);
    long limit = 1024 * 1024;
    assertThat(bomb.length).isLessThan((int) limit);
    server.enqueue(new MockResponse.Builder()
        .setHeader("Content-Encoding", "gzip").body(buffer(bomb)).build());

    long start = System.nanoTime();
    FetchResult result = fetch(withMaxBytes(settings(), limit));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
      assertThat(failed.kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(failed.reason()).startsWith("body exceeds 1 MiB (decompressed) at http://");
    });
  }

  @Test
  void endlessChunkedBodyStopsAtTheLimit() {
    server.enqueue(new MockResponse.Builder()
        .setHeader("Transfer-Encoding", "chunked").body(new EndlessChunkedBody()).build());
    long start = System.nanoTime();
    Failed failed = (Failed) fetch(withMaxBytes(settings(), LIMIT));
    assertThat(failed.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void declaredLengthOverTheLimitFailsBeforeReading() {
    server.enqueue(new MockResponse.Builder().body(buffer(new byte[LIMIT + 1])).build());
    assertThat(((Failed) fetch(withMaxBytes(settings(), LIMIT))).kind())
        .isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void bodyExactlyAtTheLimitIsAccepted() {
    server.enqueue(new MockResponse.Builder().body(buffer(new byte[LIMIT])).build());
    assertThat(fetch(withMaxBytes(settings(), LIMIT))).isInstanceOfSatisfying(Fetched.class,
        fetched -> assertThat(fetched.body()).hasSize(LIMIT));
  }

  @Test
  void drippingServerIsStoppedByTheCallTimeout() {
    // One byte every 100 ms never trips the 2 s read timeout; only the call timeout ends it.
    server.enqueue(new MockResponse.Builder()
        .body(buffer(new byte[1000])).throttleBody(1, 100, TimeUnit.MILLISECONDS).build());
    long start = System.nanoTime();
    Failed failed = (Failed) fetch(
        withTimeouts(settings(), Duration.ofSeconds(2), Duration.ofMillis(800)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(failed.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failed.reason()).endsWith("exceeded the call timeout of 800 ms");
    assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofMillis(1800));
  }

  @Test
  void theCallTimeoutSpansAllRedirectHops() {
    // Each hop alone is well inside 1 s; together they are not.
    for (int i = 1; i <= 5; i++) {
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/hop" + i)
          .headersDelay(300, TimeUnit.MILLISECONDS).build());
    }
    server.enqueue(new MockResponse.Builder().body("<rss/>").build());
    long start = System.nanoTime();
    Failed failed = (Failed) fetch(
        withTimeouts(settings(), Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThat(failed.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failed.reason()).endsWith("exceeded the call timeout of 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void silentServerIsStoppedByTheReadTimeout() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("x").build());
    Failed failed = (Failed) fetch(
        withTimeouts(settings(), Duration.ofMillis(300), Duration.ofSeconds(5)));
    assertThat(failed.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failed.reason()).endsWith("exceeded the read timeout of 300 ms");
  }

  @Test
  void perHostConcurrencyIsLimitedAcrossCallers() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Thread.sleep(150);
        inFlight.decrementAndGet();
        return new MockResponse.Builder().body("ok").build();
      }
    });
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try (Fetcher fetcher = new Fetcher(settings(), CLOCK)) {
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String path = "/feed/" + i;
        results.add(callers.submit(() -> fetcher.fetch(FetchRequest.of(uri(server, path)))));
      }
      for (Future<FetchResult> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(Fetched.class);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(maxSeen.get()).isEqualTo(settings().perHostConcurrency());
  }

  @Test
  void fetchIfHostFreeAnswersHostBusyAtOnceAndSendsNothing() throws Exception {
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        answer.await(10, TimeUnit.SECONDS);
        return new MockResponse.Builder().body("ok").build();
      }
    });
    int slots = settings().perHostConcurrency();
    ExecutorService callers = Executors.newFixedThreadPool(slots);
    try (Fetcher fetcher = new Fetcher(settings(), CLOCK)) {
      List<Future<FetchResult>> busy = new ArrayList<>();
      for (int i = 0; i < slots; i++) {
        String path = "/feed/" + i;
        busy.add(callers.submit(() -> fetcher.fetch(FetchRequest.of(uri(server, path)))));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.getRequestCount() < slots && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(server.getRequestCount()).isEqualTo(slots);

      FetchResult third = fetcher.fetchIfHostFree(FetchRequest.of(uri(server, "/feed/x")));

      assertThat(third).isEqualTo(new FetchResult.HostBusy(uri(server, "/").getHost()));
      answer.countDown();
      for (Future<FetchResult> f : busy) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(Fetched.class);
      }
      assertThat(server.getRequestCount()).as("nothing sent for the busy try").isEqualTo(slots);
      assertThat(fetcher.fetchIfHostFree(FetchRequest.of(uri(server, "/feed/x"))))
          .as("free again").isInstanceOf(Fetched.class);
    } finally {
      answer.countDown();
      callers.shutdownNow();
    }
  }

  @Test
  void waitingForAHostSlotCountsAgainstTheCallTimeout() throws Exception {
    HostLimiter limiter = new HostLimiter(1);
    try (HostLimiter.Permit held = limiter.acquire("kabar.kg", 0).orElseThrow()) {
      assertThat(limiter.acquire("kabar.kg", TimeUnit.MILLISECONDS.toNanos(50))).isEmpty();
      assertThat(limiter.acquire("24.kg", 0)).isPresent().get()
          .satisfies(HostLimiter.Permit::close);
    }
    assertThat(limiter.trackedHosts()).isZero();
  }

  private FetchResult fetch(org.newswire.config.FetchSettings settings) {
    try (Fetcher fetcher = new Fetcher(settings, CLOCK)) {
      return fetcher.fetch(FetchRequest.of(uri(server, "/rss")));
    }
  }

  /** Chunk after chunk, with no last chunk: writes until the client hangs up (or 1 GiB). */
  private static final class EndlessChunkedBody implements MockResponseBody {
    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] chunk = "<item><title>Новость</title></item>\n".repeat(200)
          .getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < (1L << 30); written += chunk.length) {
        // RFC 9112 §7.1 framing by hand: MockWebServer sends this body as it is.
        sink.writeUtf8(Integer.toHexString(chunk.length)).writeUtf8("\r\n");
        sink.write(chunk).writeUtf8("\r\n");
        sink.flush();
      }
    }
  }
}
