package org.newswire.model;

import java.util.Optional;

/** An author or contributor as a feed names them; any part may be missing. */
public record Person(Optional<String> name, Optional<String> email, Optional<String> uri) {

  public Person {
    name = name.filter(s -> !s.isBlank());
    email = email.filter(s -> !s.isBlank());
    uri = uri.filter(s -> !s.isBlank());
  }

  public static Person named(String name) {
    return new Person(Optional.ofNullable(name), Optional.empty(), Optional.empty());
  }

  public boolean isEmpty() {
    return name.isEmpty() && email.isEmpty() && uri.isEmpty();
  }
}
