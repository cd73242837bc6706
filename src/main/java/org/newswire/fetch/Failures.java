package org.newswire.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.FetchResult.Failed;
import org.newswire.fetch.FetchResult.Kind;

/** Turns what went wrong during a fetch into a one-line {@link Failed} for operators. */
final class Failures {

  /**
   * RFC 9110 §15 reason phrases: HTTP/2 sends none and HTTP/1.1 servers send anything, so
   * operators get the standard wording whatever the server said.
   */
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(300, "Multiple Choices"), Map.entry(305, "Use Proxy"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(402, "Payment Required"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
      Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
      Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
      Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
      Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Range Not Satisfiable"),
      Map.entry(417, "Expectation Failed"), Map.entry(421, "Misdirected Request"),
      Map.entry(422, "Unprocessable Content"), Map.entry(426, "Upgrade Required"),
      Map.entry(451, "Unavailable For Legal Reasons"),
      Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
      Map.entry(502, "Bad Gateway"), Map.entry(504, "Gateway Timeout"),
      Map.entry(505, "HTTP Version Not Supported"));

  private Failures() {}

  /** "HTTP 404 Not Found"; for a status without a standard phrase, the server's own. */
  static String httpStatus(int status, String serverMessage) {
    String phrase = REASONS.getOrDefault(status, oneLine(serverMessage));
    return phrase.isEmpty() ? "HTTP " + status : "HTTP " + status + " " + phrase;
  }

  static Failed failed(Kind kind, String reason) {
    return new Failed(kind, reason, OptionalInt.empty());
  }

  static Failed callTimedOut(String url, FetchSettings settings) {
    return failed(Kind.TIMEOUT, "fetch of " + url + " exceeded the call timeout of "
        + Units.duration(settings.callTimeout()));
  }

  /**
   * @param deadlinePassed the whole-call deadline has passed: whatever OkHttp reports then
   *     ("Canceled", "timeout", a reset stream) is the call timeout at work
   * @param privateNetworksSwitch how this fetcher's user allows private addresses
   */
  static Failed of(IOException e, String url, boolean deadlinePassed, FetchSettings settings,
      String privateNetworksSwitch) {
    Optional<GuardedSocketFactory.AddressRefusedException> refused =
        find(e, GuardedSocketFactory.AddressRefusedException.class);
    if (refused.isPresent()) {
      return failed(Kind.ADDRESS_REFUSED, refused.get().getMessage() + " for " + url
          + "; " + privateNetworksSwitch + " to allow");
    }
    if (e instanceof BodyReader.TooLargeException) {
      return failed(Kind.TOO_LARGE, e.getMessage() + " at " + url);
    }
    if (deadlinePassed) return callTimedOut(url, settings);
    if (find(e, InterruptedIOException.class).isPresent()) {
      String what = find(e, ConnectException.class).isPresent()
          || String.valueOf(e.getMessage()).toLowerCase().contains("connect")
          ? "connect timeout of " + Units.duration(settings.connectTimeout())
          : "read timeout of " + Units.duration(settings.readTimeout());
      return failed(Kind.TIMEOUT, "fetch of " + url + " exceeded the " + what);
    }
    if (find(e, UnknownHostException.class).isPresent()) {
      return failed(Kind.NETWORK, "unknown host for " + url);
    }
    if (find(e, ConnectException.class).isPresent()
        || find(e, NoRouteToHostException.class).isPresent()) {
      return failed(Kind.NETWORK, "cannot connect for " + url + ": " + oneLine(e));
    }
    if (find(e, SSLException.class).isPresent()) {
      return failed(Kind.NETWORK, "TLS failure for " + url + ": " + oneLine(e));
    }
    return failed(Kind.NETWORK, "I/O error for " + url + ": " + oneLine(e));
  }

  /** Searches causes and suppressed exceptions: OkHttp adds one failure per address it tried. */
  private static <T extends Throwable> Optional<T> find(Throwable root, Class<T> type) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) continue;
      if (type.isInstance(t)) return Optional.of(type.cast(t));
      if (t.getCause() != null) todo.add(t.getCause());
      todo.addAll(List.of(t.getSuppressed()));
    }
    return Optional.empty();
  }

  private static String oneLine(Throwable e) {
    return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s+", " ").trim();
  }
}
