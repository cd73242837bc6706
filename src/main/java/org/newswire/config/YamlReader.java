package org.newswire.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads YAML text into a {@link Node} tree that remembers line and column of every value. */
final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlReader() {}

  /** Thrown for YAML that is not well-formed; carries the position of the problem. */
  static final class SyntaxError extends Exception {
    final int line;
    final int column;

    SyntaxError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  /** The document's root node, or an empty mapping for an empty document. */
  static Node read(String text) throws SyntaxError {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Node.Mapping(new LinkedHashMap<>(), 1, 1);
      }
      return readValue(p);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
        throw YamlProblems.describe(marked);
      }
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
      throw new SyntaxError("malformed YAML: " + msg,
          loc == null ? 1 : Math.max(1, loc.getLineNr()),
          loc == null ? 1 : Math.max(1, loc.getColumnNr()));
    } catch (IOException e) {
      throw new SyntaxError("cannot read YAML: " + e.getMessage(), 1, 1);
    }
  }

  private static Node readValue(JsonParser p) throws IOException, SyntaxError {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation kl = p.currentTokenLocation();
          String key = p.currentName();
          p.nextToken();
          Node value = readValue(p);
          if (entries.containsKey(key)) {
            throw new SyntaxError("duplicate key '" + key + "'", kl.getLineNr(), kl.getColumnNr());
          }
          entries.put(key, new Node.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
        }
        return new Node.Mapping(entries, line, col);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(p));
        }
        return new Node.Sequence(items, line, col);
      }
      case VALUE_NULL -> {
        return new Node.Scalar(null, line, col);
      }
      default -> {
        String text = p.getText();
        return new Node.Scalar(text == null || text.isEmpty() ? null : text, line, col);
      }
    }
  }
}
