package org.newswire.fulltext;

/** What extracting one page gives: the article, or why there is none (one line). */
public sealed interface Extraction {

  /** The article was found. */
  record Extracted(Article article) implements Extraction {}

  /** No article: {@code reason} is a one-line explanation for operators. */
  record Failed(String reason) implements Extraction {}
}
