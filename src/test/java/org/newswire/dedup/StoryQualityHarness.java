package org.newswire.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Measures story matching on the development files with the daemon's flow and in-memory
 * stand-ins for the store (bench/stories-quality runs it; the {@code newswire stories} command
 * gives the final figures with the real store):
 *
 * <pre>
 *   stream IN OUT [limit]   items in time order: evidence with the source's statistics so far,
 *                           candidates of the last 72 h sharing a key (the top LIMIT by shared
 *                           keys), join the best same=true candidate's story, then count lines
 *   pairs IN OUT            lines of all documents counted per source (a document's own lines
 *                           left out of its statistics), then compare b with a
 *   features IN OUT         the pairs' measurements, for error analysis
 *   bench IN                microseconds per evidence and per compare over the stream
 * </pre>
 */
public final class StoryQualityHarness {
  static final Duration WINDOW = Duration.ofHours(72);
  static final ObjectMapper JSON = new ObjectMapper();
  final StoryMatcher matcher = new StoryMatcher();

  public static void main(String[] args) throws IOException {
    StoryQualityHarness h = new StoryQualityHarness();
    switch (args[0]) {
      case "stream" -> h.stream(Path.of(args[1]), Path.of(args[2]),
          args.length > 3 ? Integer.parseInt(args[3]) : 50);
      case "pairs" -> h.pairs(Path.of(args[1]), Path.of(args[2]), false);
      case "features" -> h.pairs(Path.of(args[1]), Path.of(args[2]), true);
      case "bench" -> h.bench(Path.of(args[1]));
      case "stream-features" -> h.streamFeatures(Path.of(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static StoryText text(JsonNode d) {
    JsonNode p = d.path("published");
    return new StoryText(d.path("source").asText(""), d.path("title").asText(""),
        d.path("text").asText(""), Optional.ofNullable(d.path("lang").asText(null)),
        p.isTextual() ? Instant.parse(p.asText()) : null);
  }

  static List<JsonNode> read(Path in) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  /** Per-source line statistics as the store keeps them. */
  static final class Lines implements SourceLines {
    int items;
    final Map<Long, Integer> counts = new HashMap<>();

    void add(long[] hashes, int sign) {
      items += sign;
      Set<Long> distinct = new HashSet<>();
      for (long h : hashes) {
        if (distinct.add(h)) {
          counts.merge(h, sign, Integer::sum);
        }
      }
    }

    @Override
    public int items() {
      return items;
    }

    @Override
    public int itemsWithLine(long lineHash) {
      return counts.getOrDefault(lineHash, 0);
    }
  }

  record Stored(StoryEvidence evidence, Instant published, int story) {}

  void stream(Path in, Path out, int limit) throws IOException {
    Map<String, Lines> sources = new HashMap<>();
    Map<Long, List<Integer>> index = new HashMap<>();
    List<Stored> stored = new ArrayList<>();
    int stories = 0;
    int maxCandidates = 0;
    long candidateSum = 0;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (JsonNode d : read(in)) {
        StoryText t = text(d);
        Lines lines = sources.computeIfAbsent(t.sourceId(), s -> new Lines());
        StoryEvidence e = matcher.evidence(t, lines);
        Instant from = t.published().minus(WINDOW);
        Map<Integer, Integer> shared = new HashMap<>();
        for (long k : e.candidateKeys()) {
          for (int c : index.getOrDefault(k, List.of())) {
            if (!stored.get(c).published().isBefore(from)) {
              shared.merge(c, 1, Integer::sum);
            }
          }
        }
        maxCandidates = Math.max(maxCandidates, shared.size());
        candidateSum += shared.size();
        List<Integer> candidates = new ArrayList<>(shared.keySet());
        candidates.sort((x, y) -> !shared.get(x).equals(shared.get(y))
            ? shared.get(y) - shared.get(x) : y - x);
        StoryVerdict best = null;
        int story = -1;
        for (int c : candidates.subList(0, Math.min(limit, candidates.size()))) {
          StoryVerdict v = matcher.compare(e, stored.get(c).evidence());
          if (v.same() && (best == null || v.score() > best.score())) {
            best = v;
            story = stored.get(c).story();
          }
        }
        if (story < 0) {
          story = stories++;
        }
        kinds.merge(best == null ? "new" : best.evidence(), 1, Integer::sum);
        int id = stored.size();
        stored.add(new Stored(e, t.published(), story));
        for (long k : e.candidateKeys()) {
          index.computeIfAbsent(k, x -> new ArrayList<>()).add(id);
        }
        lines.add(e.lineHashes(), 1);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.path("id").asText());
        o.put("story", story);
        w.println(JSON.writeValueAsString(o));
      }
    }
    System.err.printf("stream: %d items, %d stories, candidates per item mean %.1f max %d, %s%n",
        stored.size(), stories, (double) candidateSum / stored.size(), maxCandidates, kinds);
  }

  /** Measurements of every same-language pair of stream items within two days, for analysis. */
  void streamFeatures(Path in, Path out) throws IOException {
    List<JsonNode> docs = read(in);
    Map<String, Lines> sources = new HashMap<>();
    List<StoryEvidence> ev = new ArrayList<>();
    for (JsonNode d : docs) {
      StoryText t = text(d);
      Lines lines = sources.computeIfAbsent(t.sourceId(), s -> new Lines());
      StoryEvidence e = matcher.evidence(t, lines);
      lines.add(e.lineHashes(), 1);
      ev.add(e);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (int i = 0; i < docs.size(); i++) {
        for (int j = 0; j < i; j++) {
          Comparison c = Comparison.measure(ev.get(i), ev.get(j));
          if (!ev.get(i).lang.equals(ev.get(j).lang) || c.hoursApart() > 48) {
            continue;
          }
          ObjectNode o = JSON.createObjectNode();
          o.put("i", i);
          o.put("j", j);
          o.put("gold", docs.get(i).path("story").equals(docs.get(j).path("story")));
          o.put("same", matcher.compare(ev.get(i), ev.get(j)).same());
          o.set("f", JSON.valueToTree(c));
          w.println(JSON.writeValueAsString(o));
        }
      }
    }
  }

  void pairs(Path in, Path out, boolean features) throws IOException {
    List<JsonNode> pairs = read(in);
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (JsonNode p : pairs) {
      docs.putIfAbsent(p.path("a").path("id").asText(), p.path("a"));
      docs.putIfAbsent(p.path("b").path("id").asText(), p.path("b"));
    }
    Map<String, Lines> sources = new HashMap<>();
    Map<String, long[]> ownLines = new HashMap<>();
    for (var d : docs.entrySet()) {
      StoryText t = text(d.getValue());
      long[] lh = matcher.evidence(t, SourceLines.NONE).lineHashes();
      ownLines.put(d.getKey(), lh);
      sources.computeIfAbsent(t.sourceId(), s -> new Lines()).add(lh, 1);
    }
    Map<String, StoryEvidence> evidence = new HashMap<>();
    for (var d : docs.entrySet()) {
      StoryText t = text(d.getValue());
      Lines l = sources.get(t.sourceId());
      l.add(ownLines.get(d.getKey()), -1);
      evidence.put(d.getKey(), matcher.evidence(t, l));
      l.add(ownLines.get(d.getKey()), 1);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (JsonNode p : pairs) {
        StoryEvidence a = evidence.get(p.path("a").path("id").asText());
        StoryEvidence b = evidence.get(p.path("b").path("id").asText());
        ObjectNode o = JSON.createObjectNode();
        o.put("pair_index", p.path("pair_index").asInt());
        StoryVerdict v = matcher.compare(b, a);
        if (features) {
          o.put("kind", p.path("kind").asText());
          o.put("gold", p.path("same_story").asBoolean());
          o.put("lang", p.path("a").path("lang").asText());
          o.set("f", JSON.valueToTree(Comparison.measure(b, a)));
          o.put("evidence", v.evidence());
          // Whether the store would find a as b's candidate at all.
          java.util.Set<Long> keys = new HashSet<>();
          for (long k : a.candidateKeys()) {
            keys.add(k);
          }
          o.put("sharesKey", java.util.Arrays.stream(b.candidateKeys()).anyMatch(keys::contains));
          o.put("sharedKeys", java.util.Arrays.stream(b.candidateKeys()).filter(keys::contains)
              .count());
          ObjectNode kinds = o.putObject("sharedByKind");
          for (int kind = 1; kind <= 4; kind++) {
            Set<Long> ak = new HashSet<>();
            for (long k : a.keysOfKind(kind)) {
              ak.add(k);
            }
            kinds.put(List.of("body", "lead", "title", "names").get(kind - 1),
                java.util.Arrays.stream(b.keysOfKind(kind)).filter(ak::contains).count());
          }
        }
        o.put("same_story", v.same());
        w.println(JSON.writeValueAsString(o));
      }
    }
  }

  /** Thread CPU time: the machine is shared, wall time would measure the neighbours. */
  static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  void bench(Path in) throws IOException {
    List<StoryText> texts = new ArrayList<>();
    for (JsonNode d : read(in)) {
      texts.add(text(d));
    }
    StoryEvidence[] ev = new StoryEvidence[texts.size()];
    int rounds = 30;
    for (int round = 0; round < rounds; round++) {
      long t0 = cpu();
      for (int i = 0; i < texts.size(); i++) {
        ev[i] = matcher.evidence(texts.get(i), SourceLines.NONE);
      }
      long t1 = cpu();
      int same = 0;
      int compares = 0;
      for (int i = 0; i < ev.length; i++) {
        for (int j = Math.max(0, i - 50); j < i; j++) {
          if (matcher.compare(ev[i], ev[j]).same()) {
            same++;
          }
          compares++;
        }
      }
      long t2 = cpu();
      if (round == rounds - 1) {
        long bytes = 0;
        long keys = 0;
        for (StoryEvidence e : ev) {
          bytes += e.encode().length;
          keys += e.candidateKeys().length;
        }
        long chars = texts.stream().mapToLong(t -> t.text().length() + t.title().length()).sum();
        // bench/story-floor reads the evidence time, keys and bytes from this line.
        System.out.printf(Locale.ROOT, "evidence: %.1f us/item (mean %d chars), compare: %.3f"
            + " us/pair (%d same of %d), evidence bytes mean %d, keys mean %.1f%n",
            (t1 - t0) / 1e3 / texts.size(), chars / texts.size(), (t2 - t1) / 1e3 / compares,
            same, compares, bytes / ev.length, (double) keys / ev.length);
      }
    }
  }
}
