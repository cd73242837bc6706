package org.newswire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.newswire.config.ConfigLoader;
import org.newswire.config.DbSettings;
import org.newswire.config.StorySettings;
import org.newswire.store.Database;
import org.newswire.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newswire stories}: which items the daemon would put in one story. Runs exactly the
 * daemon's code (the poll path after the fetch, story evidence, candidates, placement) into a
 * scratch store.
 */
@Command(name = "stories", mixinStandardHelpOptions = true,
    description = {"Shows which items the daemon puts in one story.",
        "Each document goes through the daemon's own path (parse, clean, story evidence,"
            + " candidates from the key index, placement) into a scratch store, with the clock"
            + " pinned to the document's time so that the story window works on historical"
            + " data. The scratch store is an embedded MariaDB in a temporary directory, or the"
            + " empty database given by --db.",
        "With --stream FILE, the JSON lines {\"id\",\"source\",\"title\",\"text\",\"lang\","
            + "\"published\",\"url\"} are read in time order and {\"id\",\"story\"} is printed"
            + " for each item once all are stored.",
        "With --pairs FILE, the lines {\"pair_index\",\"a\":{...},\"b\":{...}} are read and"
            + " {\"pair_index\",\"same_story\"} is printed for each. Every document is first"
            + " stored once at its own time, so that each source's line statistics (its learned"
            + " boilerplate) exist as in a running daemon. Then each pair is stored again in a"
            + " time slot of its own, farther than the window from every other, its two items"
            + " in time order with their time apart kept, judged with the line statistics of"
            + " the first pass (a document in several pairs is judged the same in each);"
            + " same_story says whether both ended in one story.",
        "Other fields of the input are ignored. A line that cannot be read is reported with"
            + " its file and line number and skipped. Exits 0 when every line was handled, 1"
            + " when some were skipped, 2 when the input or the store is unusable."})
final class StoriesCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--stream", paramLabel = "FILE",
        description = "A time-ordered stream of items to group into stories.")
    Path stream;

    @Option(names = "--pairs", paramLabel = "FILE",
        description = "Pairs of documents to judge as one story or two.")
    Path pairs;
  }

  @Option(names = "--window", paramLabel = "DURATION", defaultValue = "72h",
      description = "The story window, as stories.window in newswire.yml (default: 72h).")
  String window;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "An empty scratch database to use instead of an embedded one; the password"
          + " comes from $NEWSWIRE_DB_PASSWORD. Its tables are filled, so never name the"
          + " daemon's database.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "root",
      description = "The user for --db (default: root).")
  String dbUser;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
      description = "Pairs stored side by side, each pair in its own time slot (default: 4).")
  int threads;

  @Spec CommandSpec spec;

  // Where --db's password comes from ($NEWSWIRE_DB_PASSWORD); tests hand their own.
  Map<String, String> env = System.getenv();
  private int skipped;
  private java.util.concurrent.ExecutorService pool;
  // One run per thread: each pins its own clock.
  private ThreadLocal<StoryRun> runs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Duration> w = StorySettings.window(window);
    if (w.isEmpty()) {
      err.println("newswire stories: --window must be a duration from 1m to 30d (like 72h),"
          + " found '" + window + "'.");
      return 2;
    }
    Path file = input.stream != null ? input.stream : input.pairs;
    if (!Files.isReadable(file)) {
      err.println("newswire stories: cannot read " + file + ".");
      return 2;
    }
    Path scratch = null;
    try {
      DbSettings settings;
      if (dbUrl != null) {
        settings = new DbSettings(Optional.of(dbUrl), dbUser,
            env.getOrDefault(ConfigLoader.PASSWORD_ENV, ""),
            Path.of("unused"), Math.max(4, threads + 2));
      } else {
        scratch = Files.createTempDirectory("newswire-stories");
        settings = new DbSettings(Optional.empty(), "newswire", "", scratch.resolve("data"),
            Math.max(4, threads + 2),
            ConfigLoader.fromSystem().defaultServerDir());
      }
      List<StoryRun> all = java.util.Collections.synchronizedList(new ArrayList<>());
      try (Database db = Database.open(settings)) {
        StorySettings stories = new StorySettings(true, w.get());
        runs = ThreadLocal.withInitial(() -> {
          StoryRun r = new StoryRun(db, stories);
          all.add(r);
          return r;
        });
        pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads));
        if (input.stream != null) {
          stream(runs.get(), file, w.get(), out, err);
        } else {
          pairs(file, w.get(), out, err);
        }
      } finally {
        if (pool != null) {
          pool.shutdownNow();
        }
        all.forEach(StoryRun::close);
      }
      out.flush();
      return skipped > 0 ? 1 : 0;
    } catch (StoreException e) {
      err.println("newswire stories: " + e.getMessage() + ".");
      return 2;
    } catch (IOException e) {
      err.println("newswire stories: " + file + ": " + e.getMessage() + ".");
      return 2;
    } finally {
      if (scratch != null) {
        deleteQuietly(scratch);
      }
    }
  }

  private void stream(StoryRun run, Path file, Duration window, PrintWriter out,
      PrintWriter err) throws IOException {
    Map<String, Long> stories = new LinkedHashMap<>();
    Instant[] last = {Instant.EPOCH};
    eachLine(file, (node, n) -> {
      Optional<StoryRun.Doc> doc = doc(node, file, n, err);
      if (doc.isEmpty()) {
        return;
      }
      // An undated item is seen when it comes: just after the one before it.
      Instant at = doc.get().published().orElse(last[0]);
      last[0] = at.isAfter(last[0]) ? at : last[0];
      StoryRun.Result res = run.store(doc.get(), doc.get().id(), at, doc.get().published());
      if (res.story().isEmpty()) {
        skip(err, file, n, res.problem());
      } else {
        stories.put(doc.get().id(), res.story().get());
      }
    });
    stories.forEach((id, story) -> {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", id);
      o.put("story", story);
      out.println(o);
    });
  }

  private record Pair(int index, StoryRun.Doc a, StoryRun.Doc b) {}

  private void pairs(Path file, Duration window, PrintWriter out,
      PrintWriter err) throws IOException {
    List<Pair> pairs = new ArrayList<>();
    eachLine(file, (node, n) -> {
      JsonNode index = node == null ? null : node.get("pair_index");
      if (index == null || !index.canConvertToInt()) {
        skip(err, file, n, "no \"pair_index\" number");
        return;
      }
      Optional<StoryRun.Doc> a = doc(node.get("a"), file, n, err);
      Optional<StoryRun.Doc> b = a.isEmpty() ? Optional.empty() : doc(node.get("b"), file, n, err);
      if (b.isPresent()) {
        pairs.add(new Pair(index.asInt(), a.get(), b.get()));
      }
    });
    // 1: every document once, at its own time, each source's in time order: the sources'
    // line statistics. Sources are independent, so they run side by side.
    Map<String, List<StoryRun.Doc>> bySource = new LinkedHashMap<>();
    Map<String, Boolean> seen = new java.util.HashMap<>();
    for (Pair p : pairs) {
      for (StoryRun.Doc d : List.of(p.a(), p.b())) {
        if (seen.putIfAbsent(d.id(), true) == null) {
          bySource.computeIfAbsent(d.source(), x -> new ArrayList<>()).add(d);
        }
      }
    }
    Instant latest = pairs.stream().flatMap(p -> Stream.of(p.a(), p.b()))
        .flatMap(d -> d.published().stream()).max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
    List<Callable<Void>> learn = new ArrayList<>();
    for (List<StoryRun.Doc> docs : bySource.values()) {
      learn.add(() -> {
        docs.sort(Comparator.comparing(d -> d.published().orElse(Instant.EPOCH)));
        StoryRun run = runs.get();
        Instant last = Instant.EPOCH;
        for (StoryRun.Doc d : docs) {
          last = d.published().orElse(last);
          run.store(d, "doc-" + d.id(), last, d.published());
        }
        return null;
      });
    }
    runAll(learn);
    // 2: each pair alone in a time slot of its own, farther than the window from any other,
    // so only its two items can meet; the pairs run side by side. The line statistics are those
    // of step 1: a document in several pairs is judged the same in each, whatever their order.
    Instant slot = latest.plus(window.multipliedBy(2));
    Map<Integer, Boolean> answers = new java.util.concurrent.ConcurrentHashMap<>();
    List<Callable<Void>> judge = new ArrayList<>();
    for (Pair p : pairs) {
      Instant start = slot;
      Instant ref = Stream.of(p.a(), p.b()).flatMap(d -> d.published().stream())
          .min(Comparator.naturalOrder()).orElse(start);
      Duration shift = Duration.between(ref, start);
      Instant end = Stream.of(p.a(), p.b()).flatMap(d -> d.published().stream())
          .map(t -> t.plus(shift)).max(Comparator.naturalOrder()).orElse(start);
      slot = end.plus(window.multipliedBy(2));
      judge.add(() -> {
        StoryRun run = runs.get();
        List<StoryRun.Doc> inOrder = new ArrayList<>(List.of(p.a(), p.b()));
        // An undated item is seen at the slot's start, as a daemon sees one when it comes.
        inOrder.sort(Comparator.comparing(d -> d.published().map(t -> t.plus(shift))
            .orElse(start)));
        List<Optional<Long>> stories = new ArrayList<>();
        for (StoryRun.Doc d : inOrder) {
          Optional<Instant> published = d.published().map(t -> t.plus(shift));
          String side = d == p.a() ? "a" : "b";
          stories.add(run.storeAgain(d, "pair-" + p.index() + "-" + side,
              published.orElse(start), published).story());
        }
        if (stories.stream().allMatch(Optional::isPresent)) {
          answers.put(p.index(), stories.get(0).equals(stories.get(1)));
        }
        return null;
      });
    }
    runAll(judge);
    for (Pair p : pairs) {
      Boolean same = answers.get(p.index());
      if (same == null) {
        skip(err, file, p.index(), "pair " + p.index() + " was not stored");
        continue;
      }
      ObjectNode o = JSON.createObjectNode();
      o.put("pair_index", p.index());
      o.put("same_story", same);
      out.println(o);
    }
  }

  private void runAll(List<Callable<Void>> tasks) {
    try {
      for (var f : pool.invokeAll(tasks)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Optional<StoryRun.Doc> doc(JsonNode node, Path file, int line, PrintWriter err) {
    try {
      return Optional.of(StoryRun.Doc.of(node));
    } catch (IllegalArgumentException e) {
      skip(err, file, line, e.getMessage());
      return Optional.empty();
    }
  }

  /** Each non-blank line as JSON (null when it is not), with its line number. */
  private static void eachLine(Path file, java.util.function.ObjIntConsumer<JsonNode> line)
      throws IOException {
    int n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String text; (text = r.readLine()) != null; ) {
        n++;
        if (!text.isBlank()) {
          line.accept(readTree(text), n);
        }
      }
    }
  }

  private static JsonNode readTree(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  private void skip(PrintWriter err, Path file, int line, String why) {
    skipped++;
    err.println(file + ":" + line + ": " + why + "; skipped.");
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it up in the end
    }
  }
}
