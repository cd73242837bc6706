package org.newswire.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The operators' endpoints, mounted by path: exact ({@code /healthz}) or a prefix ending in
 * {@code /*} ({@code /api/*}). Mounting works before and after the server starts.
 */
final class StatusRoutes extends Handler.Abstract {
  private final Map<String, Handler> exact = new ConcurrentHashMap<>();
  private final Map<String, Handler> prefixes = new ConcurrentHashMap<>();

  void mount(String path, Handler handler) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with /: " + path);
    }
    Handler prev = path.endsWith("/*")
        ? prefixes.putIfAbsent(path.substring(0, path.length() - 1), handler)
        : exact.putIfAbsent(path, handler);
    if (prev != null) {
      throw new IllegalArgumentException("a route is already mounted at " + path);
    }
    handler.setServer(getServer());
    addBean(handler, true);
    if (isStarted() && !handler.isStarted()) {
      try {
        handler.start();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the handler for " + path, e);
      }
    }
  }

  @Override
  public void setServer(org.eclipse.jetty.server.Server server) {
    super.setServer(server);
    exact.values().forEach(h -> h.setServer(server));
    prefixes.values().forEach(h -> h.setServer(server));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    Handler h = exact.get(path);
    if (h == null) {
      for (Map.Entry<String, Handler> e : prefixes.entrySet()) {
        if (path.startsWith(e.getKey())) {
          h = e.getValue();
          break;
        }
      }
    }
    if (h != null && h.handle(request, response, callback)) {
      return true;
    }
    Replies.text(response, callback, 404, "not found");
    return true;
  }

  /** A {@link StatusRoute} as a Jetty handler. */
  static Handler of(StatusRoute route) {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          Replies.text(response, callback, 405, "method not allowed");
          return true;
        }
        StatusRoute.Reply r = route.get();
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        response.getHeaders().put(Replies.NOSNIFF);
        response.getHeaders().put(Replies.NO_STORE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, HttpMethod.HEAD.is(method) ? null : ByteBuffer.wrap(body),
            callback);
        return true;
      }
    };
  }
}
