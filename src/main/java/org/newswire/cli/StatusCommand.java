package org.newswire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Callable;
import org.newswire.config.ConfigLoader;
import org.newswire.config.Loaded;
import org.newswire.config.NewswireConfig;
import org.newswire.fetch.FetchRequest;
import org.newswire.fetch.FetchResult;
import org.newswire.fetch.Fetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newswire status}: the running daemon's per-source table, from its /api/sources. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Prints what each source did last, as the running daemon reports it on"
        + " http.status_listen (/api/sources).",
        "Exits 1 when the daemon does not answer."})
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws IOException {
    // Only newswire.yml: a broken sources.yml is exactly when an admin wants the status.
    Loaded<NewswireConfig> loaded = ConfigLoader.fromSystem().loadDaemon(config.path());
    if (loaded instanceof Loaded.Invalid<NewswireConfig> bad) {
      bad.errors().forEach(System.err::println);
      return 2;
    }
    NewswireConfig cfg = ((Loaded.Valid<NewswireConfig>) loaded).value();
    InetSocketAddress a = cfg.http().statusListen();
    String host = a.getHostString().equals("0.0.0.0") || a.getHostString().equals("::")
        ? "127.0.0.1" : a.getHostString();
    URI url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + a.getPort() + "/api/sources");
    try (Fetcher f = new Fetcher(cfg.fetch().withAllowPrivateNetworks(true))) {
      FetchResult r = f.fetch(FetchRequest.of(url));
      if (!(r instanceof FetchResult.Fetched ok)) {
        System.err.println("newswire status: the daemon does not answer at " + url + " ("
            + (r instanceof FetchResult.Failed fail ? fail.reason() : r) + "); is it running?");
        return 1;
      }
      print(new ObjectMapper().readTree(ok.body()));
      return 0;
    }
  }

  private static void print(JsonNode sources) {
    String fmt = "%-22s %-9s %-20s %-12s %5s %4s %4s %5s  %-20s %s%n";
    System.out.printf(fmt, "SOURCE", "STATUS", "LAST POLL", "OUTCOME", "HTTP", "NEW", "UPD",
        "FAILS", "NEXT POLL", "LAST ERROR");
    for (JsonNode s : sources) {
      System.out.printf(fmt, s.path("id").asText(), s.path("status").asText(),
          time(s.path("last_poll_at")), text(s.path("last_outcome")),
          text(s.path("http_status")), s.path("new").asInt(), s.path("updated").asInt(),
          s.path("consecutive_failures").asInt(), time(s.path("next_poll_at")),
          text(s.path("last_error")));
    }
  }

  private static String text(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? "-" : n.asText();
  }

  private static String time(JsonNode n) {
    String t = text(n);
    return t.length() > 19 ? t.substring(0, 19) + "Z" : t;
  }
}
