package org.newswire.web;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Hands work that may block (database, status pages) from the I/O thread to the pool. */
final class Blocking {
  interface Work {
    void run() throws Exception;
  }

  private Blocking() {}

  static void run(Request request, Callback callback, Work work) {
    request.getComponents().getThreadPool().execute(() -> runNow(callback, work));
  }

  static void run(Request request, Response response, Callback callback, Handler handler) {
    run(request, callback, handling(request, response, callback, handler));
  }

  /** Runs {@code work} on this thread; a failure fails the request. */
  static void runNow(Callback callback, Work work) {
    try {
      work.run();
    } catch (Throwable x) {
      // Jetty answers through PlainErrors: a status line, no details.
      callback.failed(x);
    }
  }

  /** The handler's answer, or 404 when it has none. */
  static Work handling(Request request, Response response, Callback callback, Handler handler) {
    return () -> {
      if (!handler.handle(request, response, callback)) {
        Replies.text(response, callback, 404, "not found");
      }
    };
  }
}
