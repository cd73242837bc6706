package org.newswire.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

/**
 * Thread CPU per document of the search analyzer against the general Lucene chain it replaced
 * ({@link NewsAnalyzerTest.Reference}), alternating, on the title and text of each line of a
 * JSON-lines file (not a test; BENCHMARKS.md has the command and figures):
 * {@code java -cp target/classes:target/test-classes:CP org.newswire.search.AnalyzerSpeed
 * ../shared/stories/stream.jsonl}
 */
public final class AnalyzerSpeed {
  private AnalyzerSpeed() {}

  /** Title and text of each line of a JSON-lines file of documents, for the speed checks. */
  static List<String> texts(Path jsonLines) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(jsonLines)) {
      var n = json.readTree(line);
      texts.add(n.path("title").asText() + "\n" + n.path("text").asText());
    }
    return texts;
  }

  public static void main(String[] args) throws IOException {
    List<String> texts = texts(Path.of(args[0]));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Analyzer news = new NewsAnalyzer();
    Analyzer reference = new NewsAnalyzerTest.Reference();
    for (int round = 0; round < 6; round++) {
      for (Analyzer a : List.of(reference, news)) {
        long start = cpu.getCurrentThreadCpuTime();
        long tokens = 0;
        for (int rep = 0; rep < 5; rep++) {
          for (String t : texts) {
            try (TokenStream ts = a.tokenStream(IndexSchema.TEXT, t)) {
              ts.reset();
              while (ts.incrementToken()) {
                tokens++;
              }
              ts.end();
            }
          }
        }
        long ns = cpu.getCurrentThreadCpuTime() - start;
        System.out.printf("%-9s round %d: %6.1f us per document, %4.0f ns per token%n",
            a == news ? "news" : "reference", round, ns / 1e3 / (5.0 * texts.size()),
            (double) ns / tokens);
      }
    }
  }
}
