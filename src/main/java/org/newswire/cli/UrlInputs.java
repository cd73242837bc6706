package org.newswire.cli;

import java.net.URI;
import java.util.Optional;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.FetchRequest;
import org.newswire.fetch.FetchResult;
import org.newswire.fetch.Fetcher;

/**
 * URL arguments of the debugging commands ({@code parse}, {@code extract}): fetched with the
 * daemon's fetcher, limits and address policy included, so that what an admin sees is what the
 * daemon would get.
 */
final class UrlInputs implements AutoCloseable {
  private Fetcher fetcher;
  private final boolean allowPrivate;

  UrlInputs(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  static boolean isUrl(String input) {
    return input.startsWith("http://") || input.startsWith("https://");
  }

  /** The page or feed, or the one-line reason it could not be fetched. */
  record Fetched(byte[] body, Optional<String> contentType, URI finalUrl,
      Optional<String> error) {}

  Fetched fetch(String url, boolean page) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return failed(url, "not a URL: " + url);
    }
    if (fetcher == null) {
      fetcher = new Fetcher(FetchSettings.defaults().withAllowPrivateNetworks(allowPrivate),
          "pass --allow-private-networks");
    }
    FetchResult r = page ? fetcher.fetchPage(uri) : fetcher.fetch(FetchRequest.of(uri));
    if (r instanceof FetchResult.Fetched f) {
      return new Fetched(f.body(), f.contentType(), f.finalUrl(), Optional.empty());
    }
    if (r instanceof FetchResult.Failed f) {
      return failed(url, f.reason());
    }
    if (r instanceof FetchResult.RateLimited rl) {
      return failed(url, "HTTP " + rl.status() + " (rate limited)");
    }
    return failed(url, "HTTP 304 Not Modified");
  }

  private static Fetched failed(String url, String reason) {
    return new Fetched(new byte[0], Optional.empty(), URI.create("about:blank"),
        Optional.of(reason));
  }

  @Override
  public void close() {
    if (fetcher != null) {
      fetcher.close();
    }
  }
}
