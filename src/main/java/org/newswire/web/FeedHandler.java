package org.newswire.web;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.newswire.publish.Document;
import org.newswire.publish.Format;
import org.newswire.publish.Publisher;

/** The readers' endpoints: the feeds, the index page, the story pages and OPML. */
final class FeedHandler extends Handler.Abstract {
  private static final Pattern SOURCE_FEED =
      Pattern.compile("/sources/([a-z0-9][a-z0-9._-]{0,63})/feed\\.(atom|rss|json)");
  /** {@code /stories/{id}} and {@code /stories/{id}.json}; the publisher checks the id. */
  private static final Pattern STORY = Pattern.compile("/stories/([^/]{1,64})");
  private static final PreEncodedHttpField VARY =
      new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
  private static final PreEncodedHttpField STALE_CACHE_CONTROL =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, no-cache");
  private static final PreEncodedHttpField GZIP =
      new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

  private final Publisher publisher;
  private final PreEncodedHttpField cacheControl;
  private final PreEncodedHttpField csp;
  private final Map<String, Handler> extra = new LinkedHashMap<>();
  private final RenderQueue renders = RenderQueue.forThisMachine();

  FeedHandler(Publisher publisher, long maxAgeSeconds, String contentSecurityPolicy) {
    // Cached answers are sent from the I/O thread; anything that may block is handed off.
    super(InvocationType.NON_BLOCKING);
    this.publisher = publisher;
    this.cacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL,
        "public, max-age=" + maxAgeSeconds);
    this.csp = new PreEncodedHttpField("Content-Security-Policy", contentSecurityPolicy);
    addBean(renders, true);
  }

  static boolean isReaderPath(String path) {
    return switch (path) {
      case "/feed.atom", "/feed.rss", "/feed.json", "/", "/opml" -> true;
      default -> SOURCE_FEED.matcher(path).matches() || STORY.matcher(path).matches();
    };
  }

  /** Extra exact paths on the readers' listener (the benchmark's static file). */
  void mount(String path, Handler h) {
    extra.put(path, h);
    h.setServer(getServer());
    addBean(h, true);
  }

  @Override
  public void setServer(org.eclipse.jetty.server.Server server) {
    super.setServer(server);
    extra.values().forEach(h -> h.setServer(server));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    Handler h = extra.get(path);
    if (h != null) {
      if (h.getInvocationType() == InvocationType.NON_BLOCKING) {
        return h.handle(request, response, callback);
      }
      renders.run(request, response, callback, h);
      return true;
    }
    Format format = Format.HTML;
    Optional<String> source = Optional.empty();
    Optional<String> story = Optional.empty();
    switch (path) {
      case "/feed.atom" -> format = Format.ATOM;
      case "/feed.rss" -> format = Format.RSS;
      case "/feed.json" -> format = Format.JSON;
      case "/" -> format = Format.HTML;
      case "/opml" -> format = Format.OPML;
      default -> {
        Matcher m = SOURCE_FEED.matcher(path);
        Matcher st = STORY.matcher(path);
        if (m.matches()) {
          source = Optional.of(m.group(1));
          format = switch (m.group(2)) {
            case "atom" -> Format.ATOM;
            case "rss" -> Format.RSS;
            default -> Format.JSON;
          };
        } else if (st.matches()) {
          story = Optional.of(st.group(1));
        } else {
          Replies.text(response, callback, 404, "not found");
          return true;
        }
      }
    }
    String method = request.getMethod();
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      Replies.text(response, callback, 405, "method not allowed");
      return true;
    }
    if (story.isPresent()) {
      String segment = story.get();
      Optional<Publisher.Outcome> quick = publisher.storyIfCached(segment, () -> base(request));
      if (quick.isPresent()) {
        reply(request, response, callback, quick.get());
      } else {
        renders.run(response, callback, true, () -> reply(request, response, callback,
            publisher.renderStory(segment, () -> base(request))));
      }
      return true;
    }
    Map<String, List<String>> params;
    try {
      params = params(request);
    } catch (RuntimeException e) {
      Replies.text(response, callback, 400, "the query string is malformed");
      return true;
    }
    Format f = format;
    Optional<String> id = source;
    Optional<Publisher.Outcome> quick =
        publisher.renderIfCached(f, id, params, () -> base(request));
    if (quick.isPresent()) {
      reply(request, response, callback, quick.get());
    } else {
      // A search serves one reader; the plain feeds and pages serve all of them: first.
      boolean search = params.containsKey("q");
      renders.run(response, callback, !search, () -> reply(request, response, callback,
          publisher.render(f, id, params, () -> base(request))));
    }
    return true;
  }

  private void reply(Request request, Response response, Callback callback,
      Publisher.Outcome outcome) {
    if (outcome instanceof Publisher.Rendered r) {
      send(request, response, callback, r.document(), cacheControl);
    } else if (outcome instanceof Publisher.Stale s) {
      // RFC 9111 §5.1: Age says how old the copy is; no-cache keeps caches from reusing it.
      response.getHeaders().put(HttpHeader.AGE, Long.toString(s.age().toSeconds()));
      send(request, response, callback, s.document(), STALE_CACHE_CONTROL);
    } else if (outcome instanceof Publisher.BadRequest b) {
      Replies.text(response, callback, 400, b.reason());
    } else if (outcome instanceof Publisher.NotFound n) {
      Replies.text(response, callback, 404, n.reason());
    } else if (outcome instanceof Publisher.Unavailable u) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
      Replies.text(response, callback, 503, u.reason());
    }
  }

  private void send(Request request, Response response, Callback callback, Document d,
      PreEncodedHttpField cacheControl) {
    boolean gzip = AcceptEncoding.allowsGzip(request.getHeaders().get(HttpHeader.ACCEPT_ENCODING));
    var headers = response.getHeaders();
    headers.put(Types.of(d.format()));
    headers.put(HttpHeader.ETAG, gzip ? d.gzipEtag() : d.etag());
    d.lastModified().ifPresent(t -> headers.putDate(HttpHeader.LAST_MODIFIED, t.toEpochMilli()));
    headers.put(cacheControl);
    headers.put(VARY);
    headers.put(Replies.NOSNIFF);
    if (d.format() == Format.HTML) {
      headers.put(csp);
    }
    if (notModified(request, d)) {
      response.setStatus(304);
      response.write(true, null, callback);
      return;
    }
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    if (gzip) {
      headers.put(GZIP);
    }
    headers.put(HttpHeader.CONTENT_LENGTH, gzip ? d.gzipBody().length : d.bodyLength());
    response.setStatus(200);
    response.write(true, head ? null : ByteBuffer.wrap(gzip ? d.gzipBody() : d.body()),
        callback);
  }

  /** RFC 9110 §13.1: If-None-Match decides when present; If-Modified-Since only without it. */
  private static boolean notModified(Request request, Document d) {
    String inm = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
    if (inm != null) {
      return d.matches(inm);
    }
    if (d.lastModified().isEmpty()) {
      return false;
    }
    long since = ifModifiedSince(request);
    return since >= 0 && d.lastModified().get().toEpochMilli() <= since;
  }

  /** RFC 9110 §13.1.3: a value that is not a valid HTTP-date is ignored; -1 then. */
  private static long ifModifiedSince(Request request) {
    String value = request.getHeaders().get(HttpHeader.IF_MODIFIED_SINCE);
    if (value == null) {
      return -1;
    }
    try {
      return org.eclipse.jetty.http.DateParser.parseDate(value);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static Map<String, List<String>> params(Request request) {
    Fields fields = Request.extractQueryParameters(request,
        java.nio.charset.StandardCharsets.UTF_8);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Fields.Field f : fields) {
      out.put(f.getName(), f.getValues());
    }
    return out;
  }

  /** Where the reader reached us; used for links only when http.public_url is not set. */
  private static URI base(Request request) {
    HttpURI uri = request.getHttpURI();
    String host = Request.getServerName(request);
    int port = Request.getServerPort(request);
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
    try {
      boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80)
          || (scheme.equals("https") && port == 443);
      String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      return new URI(scheme + "://" + h + (defaultPort ? "" : ":" + port));
    } catch (java.net.URISyntaxException e) {
      return URI.create("http://localhost");
    }
  }
}
