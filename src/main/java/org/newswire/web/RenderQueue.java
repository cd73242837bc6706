package org.newswire.web;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Where reader requests that miss the cache are rendered: a few threads taking work in arrival
 * order. Rendering is CPU work (index, database, XML, gzip); with one thread per connection,
 * fifty uncached searches would share two cores at once and every one of them would finish
 * late, and a few very late. Queued in order, each waits for the ones before it and then runs
 * at full speed, so the slowest answers are close to the typical one. A full queue answers 503
 * at once rather than letting waits grow without bound.
 */
final class RenderQueue extends AbstractLifeCycle {
  interface Work {
    void run() throws Exception;
  }

  private final int threads;
  private final int capacity;
  private volatile ThreadPoolExecutor executor;

  RenderQueue(int threads, int capacity) {
    this.threads = threads;
    this.capacity = capacity;
  }

  /**
   * Threads enough to keep every core busy while some renders wait on the database (which may
   * share the machine), and no more.
   */
  static RenderQueue forThisMachine() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new RenderQueue(Math.max(2, 2 * cores), 2_000);
  }

  @Override
  protected void doStart() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(capacity), r -> {
          Thread t = new Thread(r, "newswire-render-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    e.allowCoreThreadTimeOut(true);
    executor = e;
  }

  @Override
  protected void doStop() throws InterruptedException {
    ThreadPoolExecutor e = executor;
    e.shutdown();
    if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
      e.shutdownNow();
    }
  }

  /** Renders waiting for a thread. */
  int waiting() {
    return executor.getQueue().size();
  }

  /** Renders in turn; answers 503 when the queue is full or the server is stopping. */
  void run(Response response, Callback callback, Work work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (Throwable x) {
          // Jetty answers through PlainErrors: a status line, no details.
          callback.failed(x);
        }
      });
    } catch (RejectedExecutionException full) {
      response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.RETRY_AFTER, "5");
      Replies.text(response, callback, 503, "too many requests are waiting; try again shortly");
    }
  }

  void run(Request request, Response response, Callback callback,
      org.eclipse.jetty.server.Handler handler) {
    run(response, callback, () -> {
      if (!handler.handle(request, response, callback)) {
        Replies.text(response, callback, 404, "not found");
      }
    });
  }
}
