package org.newswire.web;

/**
 * A GET endpoint on the operators' listener that needs no Jetty: {@code /healthz},
 * {@code /api/sources}, {@code /metrics} answer a status, a media type and a body.
 */
@FunctionalInterface
public interface StatusRoute {
  Reply get();

  /** @param contentType with charset, e.g. {@code "text/plain; version=0.0.4; charset=utf-8"} */
  record Reply(int status, String contentType, String body) {}
}
