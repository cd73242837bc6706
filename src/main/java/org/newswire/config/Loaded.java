package org.newswire.config;

import java.util.List;

/** A config file read: the value, or every error found in it. */
public sealed interface Loaded<T> {
  record Valid<T>(T value) implements Loaded<T> {}

  record Invalid<T>(List<ConfigError> errors) implements Loaded<T> {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
