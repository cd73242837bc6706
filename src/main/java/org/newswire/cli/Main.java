package org.newswire.cli;

/** Entry point of {@code newswire.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("newswire");
  }
}
