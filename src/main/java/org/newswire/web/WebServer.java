package org.newswire.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.newswire.config.HttpSettings;
import org.newswire.model.Source;
import org.newswire.publish.Publisher;
import org.newswire.store.ItemQueries;

/**
 * Newswire's one Jetty server with two listeners: {@code http.listen} serves readers (feeds,
 * index page, OPML) and {@code http.status_listen} serves operators (whatever is mounted with
 * {@link #addStatusRoute}). When both name the same address, one listener serves both.
 *
 * <p>Feeds are sent from the publisher's cache already gzipped; the status side goes through
 * Jetty's {@link CompressionHandler}, since its answers are made fresh per request.
 */
public final class WebServer implements AutoCloseable {
  private final Server server;
  private final Publisher publisher;
  private final FeedHandler feeds;
  private final StatusRoutes status = new StatusRoutes();
  private final ServerConnector readers;
  private final ServerConnector operators;

  public WebServer(Publisher publisher, HttpSettings http) {
    this.publisher = publisher;
    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("newswire-http");
    server = new Server(pool);
    HttpConfiguration cfg = new HttpConfiguration();
    cfg.setSendServerVersion(false);
    cfg.setSendXPoweredBy(false);
    readers = connector(cfg, http.listen(), "readers");
    server.addConnector(readers);
    operators = same(http.listen(), http.statusListen())
        ? readers : connector(cfg, http.statusListen(), "operators");
    if (operators != readers) {
      server.addConnector(operators);
    }
    feeds = new FeedHandler(publisher, http.maxAge().toSeconds(),
        Publisher.contentSecurityPolicy());
    CompressionHandler compressed = new CompressionHandler(status);
    compressed.putCompression(new GzipCompression());
    server.setHandler(new Router(feeds, compressed));
    server.setErrorHandler(new PlainErrors());
    server.setStopTimeout(5_000);
  }

  /** A publisher over {@code items} with the system clock. */
  public WebServer(ItemQueries items, HttpSettings http, Supplier<List<Source>> sources) {
    this(new Publisher(items, http, sources), http);
  }

  /** The publisher behind the feeds; ingest calls {@code publisher().invalidate()}. */
  public Publisher publisher() {
    return publisher;
  }

  /**
   * Mounts a handler on the operators' listener at {@code path}: exact, or a prefix when it
   * ends in {@code /*}. Works before or after {@link #start()}.
   */
  public void addStatusRoute(String path, Handler handler) {
    status.mount(path, handler);
  }

  /** Same, for a plain GET endpoint that needs no Jetty API. */
  public void addStatusRoute(String path, StatusRoute route) {
    status.mount(path, StatusRoutes.of(route));
  }

  /** An extra exact path on the readers' listener; the benchmark serves its static file so. */
  void addReaderRoute(String path, Handler handler) {
    feeds.mount(path, handler);
  }

  /** Binds both listeners; fails with one line naming the address when it cannot. */
  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot start the HTTP server on " + readers.getHost()
          + ":" + readers.getPort() + " / " + operators.getHost() + ":" + operators.getPort()
          + ": " + e.getMessage(), e);
    }
  }

  /** The readers' port actually bound (useful when configured as 0). */
  public int port() {
    return readers.getLocalPort();
  }

  public int statusPort() {
    return operators.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the HTTP server failed: " + e.getMessage(), e);
    }
  }

  private ServerConnector connector(HttpConfiguration cfg, InetSocketAddress at, String name) {
    ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(cfg));
    c.setHost(at.getHostString());
    c.setPort(at.getPort());
    c.setName(name);
    c.setIdleTimeout(30_000);
    return c;
  }

  private static boolean same(InetSocketAddress a, InetSocketAddress b) {
    return a.getPort() == b.getPort() && a.getPort() != 0
        && a.getHostString().equals(b.getHostString());
  }

  /** Sends each request to the side its listener belongs to. */
  private final class Router extends Handler.AbstractContainer {
    private final Handler readerSide;
    private final Handler operatorSide;

    Router(Handler readerSide, Handler operatorSide) {
      this.readerSide = readerSide;
      this.operatorSide = operatorSide;
      addBean(readerSide, true);
      addBean(operatorSide, true);
    }

    /** Reader requests usually finish on the I/O thread; see {@link FeedHandler}. */
    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    @Override
    public List<Handler> getHandlers() {
      return List.of(readerSide, operatorSide);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      boolean fromReaders = request.getConnectionMetaData().getConnector() == readers;
      if (fromReaders && operators == readers) {
        // One shared listener: reader paths first, then the operators' routes.
        String path = Request.getPathInContext(request);
        fromReaders = FeedHandler.isReaderPath(path);
      }
      if (fromReaders) {
        return readerSide.handle(request, response, callback);
      }
      Blocking.run(request, response, callback, operatorSide);
      return true;
    }
  }
}
