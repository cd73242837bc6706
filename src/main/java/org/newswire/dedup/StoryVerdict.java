package org.newswire.dedup;

/**
 * Whether an item tells the same story as a candidate, how strongly, and which kind of evidence
 * decided (for logs and tests: {@code republication}, {@code excerpt}, {@code paraphrase},
 * {@code none}).
 */
public record StoryVerdict(boolean same, double score, String evidence) {
  public static final StoryVerdict DIFFERENT = new StoryVerdict(false, 0, "none");
}
