package org.newswire.config;

import java.util.List;

/** A config file read: the value, or every error found in it. */
public sealed interface Loaded<T> {
  /** @param warnings what is allowed but probably not meant, e.g. an empty sources list */
  record Valid<T>(T value, List<ConfigError> warnings) implements Loaded<T> {
    public Valid {
      warnings = List.copyOf(warnings);
    }

    public Valid(T value) {
      this(value, List.of());
    }
  }

  record Invalid<T>(List<ConfigError> errors) implements Loaded<T> {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
