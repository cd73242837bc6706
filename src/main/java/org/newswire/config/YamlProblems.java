package org.newswire.config;

import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * SnakeYAML's complaints ("while scanning a quoted scalar … found unexpected end of stream") in
 * the words of the admin who edits sources.yml: what is wrong, where it started, what to fix.
 * The position of the error is where the fix goes (the opening quote, bracket or block).
 */
final class YamlProblems {
  private YamlProblems() {}

  static YamlReader.SyntaxError describe(MarkedYAMLException e) {
    String context = lower(e.getContext());
    String problem = lower(e.getProblem());
    Mark start = e.getContextMark();
    Mark at = e.getProblemMark() != null ? e.getProblemMark() : start;
    boolean endOfFile = problem.contains("end of stream") || problem.contains("<stream end>");
    String where = endOfFile ? "the file ends at " + pos(at) + " still inside it"
        : "it is still open at " + pos(at) + " (" + e.getProblem().strip() + ")";
    String message;
    Mark fix = start != null ? start : at;
    if (context.contains("quoted scalar") && start != null) {
      char quote = quoteAt(e, start);
      message = "the quoted value that starts at " + pos(start) + " is never closed; " + where
          + ": add the closing " + quote + " (a quote inside a value is written \\\" between"
          + " double quotes, '' between single quotes)";
    } else if ((context.contains("flow sequence") || context.contains("flow mapping"))
        && start != null) {
      String close = context.contains("sequence") ? "]" : "}";
      message = "the " + (close.equals("]") ? "[" : "{") + " opened at " + pos(start)
          + " is never closed; " + where + ": add the closing " + close;
    } else if (problem.contains("mapping values are not allowed")) {
      message = "a value contains ': ' at " + pos(at) + ", which YAML reads as a new key: put the"
          + " value in quotes";
      fix = at;
    } else if (problem.startsWith("expected <block end>") && start != null) {
      message = "the line at " + pos(at) + " is indented to no level of the block that starts at "
          + pos(start) + ": indent it exactly like the keys or list items beside it";
      fix = at;
    } else if (problem.contains("(tab)")) {
      message = "a tab at " + pos(at) + ": YAML indents with spaces only";
      fix = at;
    } else {
      message = e.getProblem().strip() + " at " + pos(at)
          + (start != null && context.length() > 0
              ? " (" + e.getContext().strip() + " that starts at " + pos(start) + ")" : "");
      fix = at;
    }
    return new YamlReader.SyntaxError("malformed YAML: " + message,
        fix == null ? 1 : fix.getLine() + 1, fix == null ? 1 : fix.getColumn() + 1);
  }

  private static char quoteAt(MarkedYAMLException e, Mark start) {
    int[] buffer = start.getBuffer();
    int i = start.getPointer();
    return buffer != null && i >= 0 && i < buffer.length && buffer[i] == '\'' ? '\'' : '"';
  }

  private static String pos(Mark m) {
    return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
