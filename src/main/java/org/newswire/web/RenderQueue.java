package org.newswire.web;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Where reader requests that miss the cache are rendered: a few threads taking work in arrival
 * order. Rendering is CPU work (index, database, XML, gzip); with one thread per connection,
 * fifty uncached searches would share two cores at once and every one of them would finish
 * late, and a few very late. Queued in order, each waits for the ones before it and then runs
 * at full speed, so the slowest answers are close to the typical one.
 *
 * <p>The plain feeds and story pages go before searches: one render of them serves every
 * reader, a search serves one. Waits are bounded twice: a full queue answers 503 at once, and
 * work that waited longer than {@link #MAX_WAIT} answers 503 instead of being rendered for a
 * reader who has likely given up.
 */
final class RenderQueue extends AbstractLifeCycle {
  /** Longer than a feed reader's usual patience: past it, rendering is wasted work. */
  static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(15);
  static final String FULL = "too many requests are waiting; try again shortly";
  static final String WAITED = "the server is too busy to answer in time; try again shortly";

  /** What a request waits for; searches ({@code urgent} false) after everything else. */
  private static final class Task implements Runnable, Comparable<Task> {
    private final boolean urgent;
    private final long seq;
    private final long queuedAt = System.nanoTime();
    private final Response response;
    private final Callback callback;
    private final Blocking.Work work;

    Task(boolean urgent, long seq, Response response, Callback callback, Blocking.Work work) {
      this.urgent = urgent;
      this.seq = seq;
      this.response = response;
      this.callback = callback;
      this.work = work;
    }

    @Override
    public int compareTo(Task o) {
      return urgent != o.urgent ? (urgent ? -1 : 1) : Long.compare(seq, o.seq);
    }

    @Override
    public void run() {
      if (System.nanoTime() - queuedAt > MAX_WAIT_NANOS) {
        busy(response, callback, WAITED);
        return;
      }
      Blocking.runNow(callback, work);
    }
  }

  private final int threads;
  private final int capacity;
  private final AtomicLong seq = new AtomicLong();
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
        new PriorityBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "newswire-render-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor = e;
  }

  /** Work still waiting is answered 503 (its readers would otherwise wait for a timeout). */
  @Override
  protected void doStop() throws InterruptedException {
    ThreadPoolExecutor e = executor;
    e.shutdown();
    if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
      for (Runnable r : e.shutdownNow()) {
        Task t = (Task) r;
        busy(t.response, t.callback, "the server is stopping");
      }
    }
  }

  /** Renders waiting for a thread. */
  int waiting() {
    return executor.getQueue().size();
  }

  /**
   * Renders in turn; answers 503 when the queue is full or the server is stopping.
   *
   * @param urgent a plain feed or a story page, rendered before searches
   */
  void run(Response response, Callback callback, boolean urgent, Blocking.Work work) {
    ThreadPoolExecutor e = executor;
    if (e == null || e.getQueue().size() >= capacity) {
      busy(response, callback, FULL);
      return;
    }
    try {
      e.execute(new Task(urgent, seq.incrementAndGet(), response, callback, work));
    } catch (RejectedExecutionException stopping) {
      busy(response, callback, "the server is stopping");
    }
  }

  void run(Request request, Response response, Callback callback,
      org.eclipse.jetty.server.Handler handler) {
    run(response, callback, true, Blocking.handling(request, response, callback, handler));
  }

  private static void busy(Response response, Callback callback, String reason) {
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
    Replies.text(response, callback, 503, reason);
  }
}
