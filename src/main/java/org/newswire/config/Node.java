package org.newswire.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written, so that every config error can name
 * {@code file:line:column}. Jackson's tree model drops locations, hence this small tree.
 */
sealed interface Node {
  int line();

  int column();

  default String kind() {
    if (this instanceof Mapping) {
      return "a mapping";
    }
    return this instanceof Sequence ? "a list" : "a value";
  }

  /** A scalar; {@code text} is null for YAML null / empty. */
  record Scalar(String text, int line, int column) implements Node {}

  /** A mapping; keys keep their own positions for "unknown key" errors. */
  record Mapping(LinkedHashMap<String, Entry> entries, int line, int column) implements Node {
    Map<String, Entry> map() {
      return entries;
    }
  }

  record Entry(String key, int keyLine, int keyColumn, Node value) {}

  record Sequence(List<Node> items, int line, int column) implements Node {}
}
