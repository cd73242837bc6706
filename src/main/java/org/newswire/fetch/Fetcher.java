package org.newswire.fetch;

import org.newswire.config.FetchSettings;

/** STUB until the fetch package lands. */
public final class Fetcher implements AutoCloseable {
  public Fetcher(FetchSettings settings) {}

  public FetchResult fetch(FetchRequest request) {
    return new FetchResult.Failed(FetchResult.Kind.NETWORK, "not built", java.util.OptionalInt.empty());
  }

  @Override
  public void close() {}
}
