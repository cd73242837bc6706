package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswire.config.ConfigLoader;
import org.newswire.config.DbSettings;
import org.newswire.store.TestDatabases;
import picocli.CommandLine;

/**
 * {@code newswire stories} on small files: a Kabar story, its Sputnik reprint (another title,
 * dateline and credit line) and an unrelated English item. The fixtures carry wrong gold
 * labels on purpose: the command must not read them.
 */
class StoriesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private DbSettings scratch;

  @BeforeEach
  void scratchDatabase() {
    scratch = TestDatabases.createFresh();
  }

  @AfterEach
  void drop() {
    TestDatabases.drop(scratch);
  }

  private record Run(int exit, List<JsonNode> lines, String err) {}

  private Run run(String mode, String file) throws Exception {
    return run(mode, file, 2);
  }

  private Run run(String mode, String file, int threads) throws Exception {
    StoriesCommand command = new StoriesCommand();
    command.env = Map.of(ConfigLoader.PASSWORD_ENV, scratch.password());
    CommandLine cmd = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(mode, Path.of("src/test/resources/stories", file).toString(),
        "--db", scratch.url().orElseThrow(), "--db-user", scratch.user(),
        "--threads", String.valueOf(threads));
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.toString().split("\n")) {
      if (!l.isBlank()) {
        lines.add(JSON.readTree(l));
      }
    }
    return new Run(exit, lines, err.toString());
  }

  @Test
  void theStreamPutsTheReprintInTheOriginalsStoryAndTheRestApart() throws Exception {
    Run r = run("--stream", "stream.jsonl");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).extracting(n -> n.get("id").asText()).containsExactly("s1", "s2", "s3");
    assertThat(r.lines().get(1).get("story")).isEqualTo(r.lines().get(0).get("story"));
    assertThat(r.lines().get(2).get("story")).isNotEqualTo(r.lines().get(0).get("story"));
  }

  @Test
  void pairsAreJudgedEachInItsOwnWindowAndABadLineIsReported() throws Exception {
    Run r = run("--pairs", "pairs.jsonl");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("pairs.jsonl:3:");
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0).get("pair_index").asInt()).isZero();
    assertThat(r.lines().get(0).get("same_story").asBoolean()).isTrue();
    assertThat(r.lines().get(1).get("pair_index").asInt()).isEqualTo(1);
    assertThat(r.lines().get(1).get("same_story").asBoolean()).isFalse();
  }

  /**
   * The Kabar item is judged first beside an unrelated one, then beside its reprint. Storing it
   * for the first pair must not count its lines again: by the second pair they would have been
   * seen in two items of its source, which makes them that source's boilerplate, and the item
   * would lose its body to them. With two threads the order of the pairs is a race, so this
   * runs them one after the other.
   */
  @Test
  void aDocumentInSeveralPairsIsJudgedTheSameInEach() throws Exception {
    Run r = run("--pairs", "pairs-reused.jsonl", 1);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0).get("pair_index").asInt()).isZero();
    assertThat(r.lines().get(0).get("same_story").asBoolean()).isFalse();
    assertThat(r.lines().get(1).get("pair_index").asInt()).isEqualTo(1);
    assertThat(r.lines().get(1).get("same_story").asBoolean()).isTrue();
  }
}
