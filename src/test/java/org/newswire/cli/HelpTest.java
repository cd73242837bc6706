package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command's {@code --help} works, and no description is cut mid-sentence. */
class HelpTest {

  static Stream<String> commands() {
    return Main.commandLine().getSubcommands().keySet().stream();
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everyCommandIsCovered() {
    assertThat(commands()).contains("run", "poll", "parse", "extract", "status", "check-config",
        "import-opml");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEachCommandExitsZeroAndPrintsItsUsage(String name) {
    Run r = run(name, "--help");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: newswire " + name);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void eachDescriptionParagraphIsWholeSentences(String name) {
    CommandLine sub = Main.commandLine().getSubcommands().get(name);
    List<String> texts = new ArrayList<>(List.of(sub.getCommandSpec().usageMessage().description()));
    texts.addAll(List.of(sub.getCommandSpec().usageMessage().header()));
    sub.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
    sub.getCommandSpec().positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
    List<String> paragraphs = texts.stream().flatMap(t -> Stream.of(t.split("%n")))
        .map(String::strip).filter(t -> !t.isEmpty()).toList();
    assertThat(paragraphs).isNotEmpty().allSatisfy(t -> assertThat(t).matches("(?s).*[.)]"));
  }

  @Test
  void theCommandListShowsEachSummaryWhole() {
    Map<String, String> summaries = commandList(run("--help").out());
    assertThat(summaries.keySet()).containsExactlyInAnyOrderElementsOf(commands().toList());
    summaries.forEach((name, summary) -> {
      var usage = Main.commandLine().getSubcommands().get(name).getCommandSpec().usageMessage();
      // picocli lists a command by its header, else by its description's first paragraph
      String first = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
      assertThat(summary).as(name).isEqualTo(first.replaceAll("\\s+", " ").strip())
          .endsWith(".");
    });
  }

  /** The "Commands:" section of the top-level usage: name → its summary, wrapped lines joined. */
  private static Map<String, String> commandList(String usage) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    boolean inCommands = false;
    for (String line : usage.split("\\R")) {
      if (line.startsWith("Commands:")) {
        inCommands = true;
        continue;
      }
      if (!inCommands || line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split("\\s+", 2);
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        current = parts[0];
        out.put(current, parts.length > 1 ? parts[1] : "");
      } else if (current != null) {
        out.put(current, out.get(current) + " " + line.strip());
      }
    }
    return out;
  }
}
