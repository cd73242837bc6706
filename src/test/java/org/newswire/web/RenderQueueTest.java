package org.newswire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Renders run in arrival order on a few threads, plain pages before searches; a full queue is
 * a 503 at once.
 */
class RenderQueueTest {
  @Test
  void rendersInArrivalOrderPlainPagesFirstAndAnswers503WhenTheQueueIsFull() throws Exception {
    RenderQueue queue = new RenderQueue(1, 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    Server server = new Server();
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    c.setPort(0);
    server.addConnector(c);
    server.addBean(queue, true);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String name = request.getHttpURI().getPath();
        queue.run(response, callback, !name.startsWith("/search"), () -> {
          order.add(name);
          started.countDown();
          release.await(10, TimeUnit.SECONDS);
          Replies.text(response, callback, 200, name);
        });
        return true;
      }
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + c.getLocalPort();
      CompletableFuture<HttpResponse<byte[]>> first =
          CompletableFuture.supplyAsync(() -> Http.get(base + "/search-1"));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<HttpResponse<byte[]>> second =
          CompletableFuture.supplyAsync(() -> Http.get(base + "/search-2"));
      awaitQueued(queue, 1);
      CompletableFuture<HttpResponse<byte[]>> third =
          CompletableFuture.supplyAsync(() -> Http.get(base + "/feed.atom"));
      awaitQueued(queue, 2);
      // One running, two waiting: the fourth is turned away without waiting.
      HttpResponse<byte[]> fourth = Http.get(base + "/search-3");
      assertThat(fourth.statusCode()).isEqualTo(503);
      assertThat(fourth.headers().firstValue("Retry-After")).contains("5");
      assertThat(Http.text(fourth)).isEqualTo("too many requests are waiting; try again shortly\n");
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(third.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      // The plain feed, queued last, went before the waiting search.
      assertThat(order).containsExactly("/search-1", "/feed.atom", "/search-2");
    } finally {
      server.stop();
    }
  }

  private static void awaitQueued(RenderQueue queue, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (queue.waiting() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(queue.waiting()).isEqualTo(n);
  }
}
