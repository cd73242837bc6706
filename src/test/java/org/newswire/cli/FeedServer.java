package org.newswire.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer serving one small Russian RSS feed per path, counting requests per path. */
final class FeedServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  volatile Duration delay = Duration.ZERO;

  FeedServer() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getTarget();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (!delay.isZero()) {
          Thread.sleep(delay.toMillis());
        }
        return new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml")
            .body(feed(path)).build();
      }
    });
    server.start();
  }

  static String feed(String path) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Лента %1$s</title><link>https://example.kg%1$s</link>
          <item><title>Новость первая %1$s</title><link>https://example.kg%1$snews/1</link>
            <guid>%1$s-1</guid><pubDate>Sat, 03 Jul 2021 10:15:00 +0600</pubDate></item>
          <item><title>Новость вторая %1$s</title><link>https://example.kg%1$snews/2</link>
            <guid>%1$s-2</guid><pubDate>Sat, 03 Jul 2021 11:15:00 +0600</pubDate></item>
        </channel></rss>
        """.formatted(path);
  }

  String url(String path) {
    return server.url(path).toString();
  }

  int count(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
