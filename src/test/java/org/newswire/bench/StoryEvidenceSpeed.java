package org.newswire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.newswire.dedup.SourceLines;
import org.newswire.dedup.StoryEvidence;
import org.newswire.dedup.StoryMatcher;
import org.newswire.dedup.StoryText;

/**
 * One thread's CPU per item for what every stored item costs story matching before any
 * database work: its evidence ({@link StoryMatcher#evidence}), its candidate keys and its
 * encoding for the store. Items are JSON lines of {@code newswire stories --stream}'s input.
 * Run by {@code bench/story-floor}; prints the median of the last 10 of 30 rounds.
 */
public final class StoryEvidenceSpeed {
  private StoryEvidenceSpeed() {}

  public static void main(String[] args) throws IOException {
    List<StoryText> items = read(Path.of(args[0]));
    StoryMatcher matcher = new StoryMatcher();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] perItem = new double[30];
    long keys = 0;
    long sink = 0;
    for (int round = 0; round < perItem.length; round++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (StoryText item : items) {
        StoryEvidence e = matcher.evidence(item, SourceLines.NONE);
        long[] k = e.candidateKeys();
        keys += k.length;
        sink += e.encode().length;
      }
      perItem[round] = (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / items.size();
    }
    double[] last = Arrays.copyOfRange(perItem, perItem.length - 10, perItem.length);
    Arrays.sort(last);
    System.out.printf("evidence, keys and encoding: %.1f us CPU per item (median of rounds"
        + " 21-30, %.1f-%.1f), %d items, %.1f keys and %d bytes of evidence per item%n",
        (last[4] + last[5]) / 2, last[0], last[9], items.size(),
        (double) keys / perItem.length / items.size(), sink / perItem.length / items.size());
  }

  private static List<StoryText> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<StoryText> items = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      items.add(new StoryText(n.path("source").asText(""), n.path("title").asText(""),
          n.path("text").asText(""), Optional.ofNullable(n.path("lang").textValue()),
          n.hasNonNull("published") ? Instant.parse(n.get("published").asText()) : null));
    }
    return items;
  }
}
