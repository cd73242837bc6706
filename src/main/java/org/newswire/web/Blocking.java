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
    request.getComponents().getThreadPool().execute(() -> {
      try {
        work.run();
      } catch (Throwable x) {
        // Jetty answers through PlainErrors: a status line, no details.
        callback.failed(x);
      }
    });
  }

  static void run(Request request, Response response, Callback callback, Handler handler) {
    run(request, callback, () -> {
      if (!handler.handle(request, response, callback)) {
        Replies.text(response, callback, 404, "not found");
      }
    });
  }
}
