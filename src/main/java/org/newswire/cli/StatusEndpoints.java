package org.newswire.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;
import org.newswire.schedule.PollScheduler;
import org.newswire.store.Database;
import org.newswire.store.SourceState;
import org.newswire.store.StoreException;
import org.newswire.web.StatusRoute.Reply;
import org.newswire.web.WebServer;

/**
 * The operators' endpoints on {@code http.status_listen}: {@code /healthz} (is it working),
 * {@code /api/sources} (what each source did last) and {@code /metrics} (Prometheus).
 */
final class StatusEndpoints {
  /** A source failing this long is shown as {@code failing}, not just {@code error}. */
  static final Duration FAILING_AFTER = Duration.ofHours(24);
  /** /healthz answers within about this long, whatever the database does. */
  static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private final Database db;
  private final Supplier<Optional<PollScheduler>> scheduler;
  private final Supplier<List<Source>> sources;
  private final Supplier<ReloadStatus> reload;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;

  /** {@code scheduler} is empty until the daemon has its database and started polling. */
  StatusEndpoints(Database db, Supplier<Optional<PollScheduler>> scheduler,
      Supplier<List<Source>> sources,
      Supplier<ReloadStatus> reload, PrometheusMeterRegistry metrics, Clock clock) {
    this.db = db;
    this.scheduler = scheduler;
    this.sources = sources;
    this.reload = reload;
    this.metrics = metrics;
    this.clock = clock;
  }

  void mount(WebServer web) {
    web.addStatusRoute("/healthz", this::health);
    web.addStatusRoute("/api/sources", this::sources);
    web.addStatusRoute("/metrics", () -> new Reply(200,
        "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
  }

  Reply health() {
    // Its own connection and time bound: never queued behind the pool's 5 s timeout.
    Optional<String> dbProblem = db.problem(HEALTH_CHECK_TIMEOUT).map(SecretUrls::redactIn);
    Optional<PollScheduler> polls = scheduler.get();
    boolean running = polls.map(PollScheduler::isRunning).orElse(false);
    Map<String, Object> body = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    dbProblem.ifPresent(p -> reasons.add("the database does not answer: " + p));
    if (!running) {
      reasons.add(polls.isEmpty() ? "the scheduler waits for the database"
          : "the scheduler is not running");
    }
    body.put("status", reasons.isEmpty() ? "ok" : "unavailable");
    reasons.stream().reduce((a, b) -> a + "; " + b).ifPresent(r -> body.put("reason", r));
    body.put("database", dbProblem.isEmpty() ? "ok" : "unreachable");
    dbProblem.ifPresent(p -> body.put("database_error", p));
    body.put("scheduler", running ? "running" : polls.isEmpty() ? "starting" : "stopped");
    body.put("polls_in_flight", polls.map(PollScheduler::pollsInFlight).orElse(0));
    ReloadStatus r = reload.get();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("last_reload", r.ok() ? "ok" : "failed");
    config.put("last_reload_at", r.at().toString());
    r.summary().ifPresent(s -> config.put("message", s));
    config.put("errors", r.errors());
    body.put("config", config);
    return new Reply(reasons.isEmpty() ? 200 : 503, JSON_TYPE, json(body));
  }

  Reply sources() {
    Map<String, SourceState> states;
    try {
      states = db.feeds().states();
    } catch (StoreException e) {
      return new Reply(503, "text/plain; charset=utf-8",
          "database unavailable: " + e.getMessage() + "\n");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Source s : sources.get()) {
      out.add(row(s, Optional.ofNullable(states.get(s.id()))));
    }
    return new Reply(200, JSON_TYPE, json(out));
  }

  private Map<String, Object> row(Source s, Optional<SourceState> st) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("url", SecretUrls.redact(s.url()));
    m.put("title", s.title().orElse(null));
    m.put("enabled", s.enabled());
    m.put("status", status(s, st));
    m.put("last_poll_at", st.flatMap(SourceState::lastPollAt).map(Instant::toString).orElse(null));
    m.put("last_outcome", st.flatMap(SourceState::lastOutcome).orElse(null));
    m.put("http_status", st.flatMap(SourceState::lastHttpStatus).orElse(null));
    m.put("new", st.map(SourceState::lastNew).orElse(0));
    m.put("updated", st.map(SourceState::lastUpdated).orElse(0));
    // Redacted here too: rows written before redaction existed may quote a secret.
    m.put("last_error", st.flatMap(SourceState::lastError).map(SecretUrls::redactIn).orElse(null));
    m.put("consecutive_failures", st.map(SourceState::consecutiveFailures).orElse(0));
    m.put("failing_since", st.flatMap(SourceState::failingSince).map(Instant::toString)
        .orElse(null));
    m.put("last_success_at", st.flatMap(SourceState::lastSuccessAt).map(Instant::toString)
        .orElse(null));
    m.put("next_poll_at", st.flatMap(SourceState::nextPollAt).map(Instant::toString)
        .orElse(null));
    m.put("effective_url", SecretUrls.redact(st.filter(x -> x.redirectCount() >= 3)
        .flatMap(SourceState::redirectUrl).orElse(s.url().toString())));
    return m;
  }

  private String status(Source s, Optional<SourceState> st) {
    if (!s.enabled()) {
      return "disabled";
    }
    if (st.isEmpty() || st.get().lastPollAt().isEmpty()) {
      return "pending";
    }
    Optional<Instant> since = st.get().failingSince();
    if (since.isEmpty()) {
      return "ok";
    }
    return Duration.between(since.get(), clock.instant()).compareTo(FAILING_AFTER) >= 0
        ? "failing" : "error";
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render status JSON", e);
    }
  }
}
