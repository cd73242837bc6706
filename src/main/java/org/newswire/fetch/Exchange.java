package org.newswire.fetch;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.FetchResult.Failed;
import org.newswire.fetch.FetchResult.Fetched;
import org.newswire.fetch.FetchResult.Kind;
import org.newswire.fetch.FetchResult.NotModified;
import org.newswire.fetch.FetchResult.RateLimited;

/** One fetch's hops: each {@link #send} is one HTTP request, ending in a result or a redirect. */
final class Exchange {

  sealed interface Step permits Done, Redirect {}

  record Done(FetchResult result) implements Step {}

  record Redirect(int status, HttpUrl location) implements Step {}

  private final OkHttpClient client;
  private final FetchSettings settings;
  private final String privateNetworksSwitch;
  private final Clock clock;
  private final HostLimiter hostLimiter;
  private final FetchRequest request;
  private final String accept;
  private final long deadlineNanos;
  private final boolean waitForHost;

  /** @param waitForHost false: a busy host ends the fetch with {@link FetchResult.HostBusy} */
  Exchange(OkHttpClient client, FetchSettings settings, String privateNetworksSwitch, Clock clock,
      HostLimiter hostLimiter, FetchRequest request, String accept, long deadlineNanos,
      boolean waitForHost) {
    this.client = client;
    this.settings = settings;
    this.privateNetworksSwitch = privateNetworksSwitch;
    this.clock = clock;
    this.hostLimiter = hostLimiter;
    this.request = request;
    this.accept = accept;
    this.deadlineNanos = deadlineNanos;
    this.waitForHost = waitForHost;
  }

  /** @param permanent where a chain of only 301/308 has led so far (this URL), if it has */
  Step send(HttpUrl url, Optional<URI> permanent) {
    // The permit is held for one hop only: a redirect back to the same host must not wait for
    // the permit its own earlier hop still holds.
    Optional<HostLimiter.Permit> permit;
    try {
      permit = hostLimiter.acquire(url.host(), waitForHost ? remainingNanos() : 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return done(Failures.failed(Kind.NETWORK, "interrupted while fetching " + url));
    }
    if (permit.isEmpty() && !waitForHost) {
      return done(new FetchResult.HostBusy(url.host()));
    }
    if (permit.isEmpty()) {
      return done(Failures.failed(Kind.TIMEOUT, "fetch of " + url + " exceeded the call timeout"
          + " of " + Units.duration(settings.callTimeout()) + " waiting for a free slot for host "
          + url.host()));
    }
    try (HostLimiter.Permit held = permit.get()) {
      long remaining = remainingNanos();
      if (remaining <= 0) return done(Failures.callTimedOut(url.toString(), settings));
      Call call = client.newCall(httpRequest(url));
      // OkHttp's call timeout covers one Call; ours covers all hops, so each hop gets what is left.
      call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
      try (Response response = call.execute()) {
        return interpret(url, response, permanent);
      }
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        return done(Failures.failed(Kind.NETWORK, "interrupted while fetching " + url));
      }
      return done(Failures.of(e, url.toString(), remainingNanos() <= 0, settings,
          privateNetworksSwitch));
    }
  }

  private Request httpRequest(HttpUrl url) {
    Request.Builder builder = new Request.Builder()
        .url(url)
        .header("User-Agent", settings.userAgent())
        .header("Accept", accept)
        // Set explicitly so OkHttp leaves decompression to BodyReader, which counts the
        // decompressed bytes against the limit (and also handles deflate).
        .header("Accept-Encoding", "gzip, deflate");
    request.etag().filter(Exchange::isHeaderSafe).ifPresent(v -> builder.header("If-None-Match", v));
    request.lastModified().filter(Exchange::isHeaderSafe)
        .ifPresent(v -> builder.header("If-Modified-Since", v));
    return builder.build();
  }

  private Step interpret(HttpUrl url, Response response, Optional<URI> permanent)
      throws IOException {
    int status = response.code();
    if (status == 304) {
      return done(new NotModified(
          ResponseHeaders.header(response, "ETag").or(request::etag),
          ResponseHeaders.header(response, "Last-Modified").or(request::lastModified),
          ResponseHeaders.cacheHints(response)));
    }
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      String location = response.header("Location");
      HttpUrl next = location == null ? null : url.resolve(location.trim());
      if (next == null) {
        return done(Failures.failed(Kind.BAD_REDIRECT, "HTTP " + status + " from " + url
            + (location == null ? " without Location" : " to a non-http(s) or malformed Location "
                + location.trim())));
      }
      return new Redirect(status, next);
    }
    if (status == 429 || status == 503) {
      return done(new RateLimited(status,
          ResponseHeaders.retryAfter(response.headers(), clock.instant())));
    }
    if (status < 200 || status > 299) {
      // The caller knows which URL it asked for; only a redirect's target is news to it.
      String where = url.equals(HttpUrl.parse(request.url().toString())) ? "" : " at " + url;
      return done(new Failed(Kind.HTTP_STATUS,
          Failures.httpStatus(status, response.message()) + where,
          OptionalInt.of(status)));
    }
    ResponseBody body = response.body();
    byte[] bytes = BodyReader.read(body.source(), response.headers("Content-Encoding"),
        body.contentLength(), settings.maxBytes());
    return done(new Fetched(url.uri(), status, bytes,
        ResponseHeaders.header(response, "Content-Type"),
        ResponseHeaders.header(response, "ETag"),
        ResponseHeaders.header(response, "Last-Modified"),
        permanent,
        ResponseHeaders.cacheHints(response)));
  }

  private long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  private static Done done(FetchResult result) {
    return new Done(result);
  }

  /** Stored validators came from a server; one OkHttp would reject must not break the poll. */
  private static boolean isHeaderSafe(String value) {
    return !value.isBlank() && value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
  }
}
