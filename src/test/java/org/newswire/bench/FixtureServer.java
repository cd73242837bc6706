package org.newswire.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves N synthetic sources at {@code http://127.0.0.H:PORT/f/S} like a well-behaved news
 * server: a strong ETag per generation and 304 to a matching If-None-Match. Sources are spread
 * over many loopback addresses (each its own connector) because Newswire limits requests per
 * host; nothing listens beyond loopback. Counts requests per source so that the harness can
 * check that each was polled exactly once per cycle.
 */
final class FixtureServer implements AutoCloseable {
  /** Where the synthetic items' links point (never fetched). */
  static final String BASE_URL = "http://news.bench.invalid";
  private final SyntheticFeeds feeds;
  private final int hosts;
  private final Server server;
  private final List<ServerConnector> connectors = new ArrayList<>();
  private final AtomicIntegerArray generation;
  private final AtomicIntegerArray requests;
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong full = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong firstRequestNanos = new AtomicLong();
  private final AtomicLong requestsSinceReset = new AtomicLong();
  private final AtomicLong lastRequestNanos = new AtomicLong();

  FixtureServer(int sources, int hosts, long seed) throws Exception {
    this.hosts = hosts;
    this.generation = new AtomicIntegerArray(sources);
    this.requests = new AtomicIntegerArray(sources);
    // One selector thread per connector, plus workers.
    QueuedThreadPool pool = new QueuedThreadPool(hosts + 64, 8);
    pool.setName("fixture");
    pool.setDaemon(true);
    server = new Server(pool);
    for (int h = 0; h < hosts; h++) {
      ServerConnector c = new ServerConnector(server, 0, 1);
      c.setHost(address(h));
      c.setPort(0);
      c.setIdleTimeout(120_000);
      server.addConnector(c);
      connectors.add(c);
    }
    // Item links must not depend on which connector answered: one fixed, fake base.
    this.feeds = new SyntheticFeeds(seed, BASE_URL);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return serve(request, response, callback);
      }
    });
    server.start();
  }

  private static String address(int host) {
    return "127.0." + (1 + host / 250) + "." + (1 + host % 250);
  }

  String url(int source) {
    int h = source % hosts;
    return "http://" + address(h) + ":" + connectors.get(h).getLocalPort() + "/f/" + source;
  }

  SyntheticFeeds feeds() {
    return feeds;
  }

  int generation(int source) {
    return generation.get(source);
  }

  void bump(int source) {
    generation.incrementAndGet(source);
  }

  int sources() {
    return generation.length();
  }

  /** Per-source request counts since the last reset, then zeroes them. */
  int[] takeRequestCounts() {
    int[] out = new int[requests.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = requests.getAndSet(i, 0);
    }
    return out;
  }

  long notModified() {
    return notModified.get();
  }

  long full() {
    return full.get();
  }

  long bytes() {
    return bytes.get();
  }

  /** System.nanoTime() of the first request since {@link #resetFirstRequest}, 0 if none yet. */
  long firstRequestNanos() {
    return firstRequestNanos.get();
  }

  /** System.nanoTime() of the latest request to a source's feed. */
  long lastRequestNanos() {
    return lastRequestNanos.get();
  }

  /** Requests answered since the last {@link #resetFirstRequest}. */
  long requestsSinceReset() {
    return requestsSinceReset.get();
  }

  void resetFirstRequest() {
    firstRequestNanos.set(0);
    requestsSinceReset.set(0);
  }

  private boolean serve(Request request, Response response, Callback callback) {
    firstRequestNanos.compareAndSet(0, System.nanoTime());
    String path = Request.getPathInContext(request);
    int source = -1;
    if (path.startsWith("/f/")) {
      try {
        source = Integer.parseInt(path.substring(3));
      } catch (NumberFormatException e) {
        source = -1;
      }
    }
    if (source < 0 || source >= generation.length()) {
      response.setStatus(404);
      callback.succeeded();
      return true;
    }
    requests.incrementAndGet(source);
    requestsSinceReset.incrementAndGet();
    lastRequestNanos.set(System.nanoTime());
    int g = generation.get(source);
    String etag = SyntheticFeeds.etag(source, g);
    response.getHeaders().put(HttpHeader.ETAG, etag);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=60");
    if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
      notModified.incrementAndGet();
      response.setStatus(304);
      callback.succeeded();
      return true;
    }
    byte[] body = feeds.feed(source, g);
    full.incrementAndGet();
    bytes.addAndGet(body.length);
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, SyntheticFeeds.isAtom(source)
        ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
