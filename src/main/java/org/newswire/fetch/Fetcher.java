package org.newswire.fetch;

import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.FetchResult.Kind;

/**
 * Fetches feeds and article pages over HTTP(S) under Newswire's limits: conditional GET, a size
 * limit on the decompressed body, connect/read/whole-call timeouts, at most {@code maxRedirects}
 * redirects (followed here, not by OkHttp, so each hop is checked), the private-address policy on
 * every address actually connected, and at most {@code perHostConcurrency} requests in flight per
 * host across all callers.
 *
 * <p>Thread-safe and blocking; one instance serves the whole daemon (its connection pool is its
 * own, so connections made without the address policy are never reused here). Every outcome,
 * including network errors, is a {@link FetchResult}; nothing expected is thrown.
 */
public final class Fetcher implements AutoCloseable {

  static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, "
      + "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, "
      + "*/*;q=0.5";
  static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

  /** How the daemon's operator allows private addresses: the config key. */
  public static final String CONFIG_SWITCH = "set fetch.allow_private_networks: true";

  private final FetchSettings settings;
  private final String privateNetworksSwitch;
  private final Clock clock;
  private final OkHttpClient client;
  private final HostLimiter hostLimiter;

  public Fetcher(FetchSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * @param privateNetworksSwitch what the user of this fetcher does to allow private addresses,
   *     named in refusals: {@link #CONFIG_SWITCH} for the daemon, a flag for a command
   */
  public Fetcher(FetchSettings settings, String privateNetworksSwitch) {
    this(settings, Clock.systemUTC(), new GuardedSocketFactory(), privateNetworksSwitch);
  }

  /** @param clock turns Retry-After delta-seconds into an instant */
  public Fetcher(FetchSettings settings, Clock clock) {
    this(settings, clock, new GuardedSocketFactory());
  }

  /** @param guard used unless private networks are allowed; tests pass their own policy */
  Fetcher(FetchSettings settings, Clock clock, GuardedSocketFactory guard) {
    this(settings, clock, guard, CONFIG_SWITCH);
  }

  private Fetcher(FetchSettings settings, Clock clock, GuardedSocketFactory guard,
      String privateNetworksSwitch) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.privateNetworksSwitch = Objects.requireNonNull(privateNetworksSwitch);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (settings.maxBytes() < 0 || settings.maxRedirects() < 0) {
      throw new IllegalArgumentException("maxBytes and maxRedirects must not be negative");
    }
    this.hostLimiter = new HostLimiter(settings.perHostConcurrency());
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(settings.idleConnections(), 2, TimeUnit.MINUTES))
        .followRedirects(false)
        .followSslRedirects(false)
        // A proxy would make the policy judge the proxy's address instead of the target's.
        .proxy(Proxy.NO_PROXY)
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout());
    if (!settings.allowPrivateNetworks()) builder.socketFactory(guard);
    this.client = builder.build();
  }

  /**
   * Fetches a feed: conditional GET with the request's validators, feed types preferred. Waits
   * (within the call timeout) for a free slot when the host is busy.
   */
  public FetchResult fetch(FetchRequest request) {
    return run(request, FEED_ACCEPT, true);
  }

  /**
   * {@link #fetch}, except that a host already serving {@code perHostConcurrency} requests is not
   * waited for: the result is {@link FetchResult.HostBusy} at once, so that the caller's thread
   * can serve other hosts meanwhile (one slow host must not hold the poll threads).
   */
  public FetchResult fetchIfHostFree(FetchRequest request) {
    return run(request, FEED_ACCEPT, false);
  }

  /** Fetches an article page (for full text) under the same limits and policy. */
  public FetchResult fetchPage(URI url) {
    return run(FetchRequest.of(url), PAGE_ACCEPT, true);
  }

  private FetchResult run(FetchRequest request, String accept, boolean waitForHost) {
    HttpUrl url = HttpUrl.parse(request.url().toString());
    if (url == null) {
      return Failures.failed(Kind.BAD_URL, "not an http(s) URL: " + request.url());
    }
    long deadline = System.nanoTime() + settings.callTimeout().toNanos();
    Exchange exchange = new Exchange(client, settings, privateNetworksSwitch, clock, hostLimiter,
        request, accept, deadline, waitForHost);
    boolean onlyPermanent = true;
    for (int redirects = 0; ; redirects++) {
      Optional<URI> permanent =
          redirects > 0 && onlyPermanent ? Optional.of(url.uri()) : Optional.empty();
      Exchange.Step step = exchange.send(url, permanent);
      if (step instanceof Exchange.Done done) return done.result();
      Exchange.Redirect redirect = (Exchange.Redirect) step;
      if (redirects >= settings.maxRedirects()) {
        return Failures.failed(Kind.TOO_MANY_REDIRECTS, "more than " + settings.maxRedirects()
            + " redirects fetching " + request.url() + " (last to " + redirect.location() + ")");
      }
      onlyPermanent &= redirect.status() == 301 || redirect.status() == 308;
      url = redirect.location();
    }
  }

  /** Cancels calls in flight and closes pooled connections. */
  @Override
  public void close() {
    client.dispatcher().cancelAll(); // synchronous calls are tracked there too
    client.connectionPool().evictAll();
  }
}
