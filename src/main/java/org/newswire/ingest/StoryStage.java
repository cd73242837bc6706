package org.newswire.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.LongStream;
import org.newswire.dedup.SourceLines;
import org.newswire.dedup.StoryEvidence;
import org.newswire.dedup.StoryMatcher;
import org.newswire.dedup.StoryText;
import org.newswire.dedup.StoryVerdict;
import org.newswire.model.FinishedArticle;
import org.newswire.model.FinishedItem;
import org.newswire.model.Source;
import org.newswire.store.PollWrite;
import org.newswire.store.SourceState;
import org.newswire.store.StoryInput;
import org.newswire.store.StoryRules;
import org.newswire.store.StoryStore;

/**
 * Story detection's part of finishing an item (issue 13): the item's evidence, computed from
 * its final text with its source's line statistics, and the rules by which the store places it
 * (the window, and {@link StoryMatcher#compare} as the judge). Both ways an item's text arrives
 * end here: a poll's new items ({@link #pollWrite}) and an article ({@link #articleArrived}).
 */
public final class StoryStage {
  private final StoryMatcher matcher;
  private final Optional<StoryStore> store;
  private final StoryRules rules;
  private final boolean countsLines;

  /**
   * @param enabled {@code stories.enabled}: false makes every item a story of its own
   * @param window {@code stories.window}: how far back an item looks for its story
   */
  public StoryStage(StoryMatcher matcher, boolean enabled, Duration window, StoryStore store) {
    this(matcher, enabled, window, store, Clock.systemUTC());
  }

  /** @param clock when placements run (a replay of history pins it to each item's time) */
  public StoryStage(StoryMatcher matcher, boolean enabled, Duration window, StoryStore store,
      Clock clock) {
    this.matcher = matcher;
    this.store = enabled ? Optional.of(store) : Optional.empty();
    this.rules = enabled ? new StoryRules(window, this::judge, clock) : StoryRules.OWN;
    this.countsLines = true;
  }

  private StoryStage(StoryStage counting) {
    this.matcher = counting.matcher;
    this.store = counting.store;
    this.rules = counting.rules;
    this.countsLines = false;
  }

  /**
   * This stage for documents its store has counted already (a replay judging a document a
   * second time): their lines are not counted into the source's statistics again, since a
   * line seen in two items of a source is that source's boilerplate.
   */
  public StoryStage notCountingLines() {
    return new StoryStage(this);
  }

  /** Stories off: every item is a story of its own, no evidence computed. */
  public static StoryStage off() {
    return new StoryStage(new StoryMatcher(), false, Duration.ZERO, null);
  }

  /** A poll's write, with the evidence of its new items (for the store to place them). */
  PollWrite pollWrite(Source source, SourceState state, List<FinishedItem> items, Instant now) {
    if (store.isEmpty() || items.isEmpty()) {
      return new PollWrite(state, items);
    }
    List<StoryText> texts = new ArrayList<>(items.size());
    for (FinishedItem i : items) {
      texts.add(new StoryText(source.id(), i.title().orElse(""), bestText(i), source.language(),
          i.publishedAt()));
    }
    List<StoryEvidence> evidence = evidence(source.id(), texts);
    Map<String, StoryInput> inputs = new LinkedHashMap<>();
    for (int k = 0; k < items.size(); k++) {
      inputs.put(items.get(k).identityHash(), input(source, evidence.get(k)));
    }
    return new PollWrite(state, items, inputs, rules);
  }

  /**
   * An item's article text arrived: its evidence is recomputed from it and the item placed
   * again (it may join a story now, or leave one).
   */
  void articleArrived(long itemId, Source source, String articleText, Instant now) {
    if (store.isEmpty()) {
      return;
    }
    StoryStore s = store.get();
    s.itemText(itemId).ifPresent(t -> {
      StoryText text = new StoryText(source.id(), t.title().orElse(""), articleText,
          source.language(), t.publishedAt());
      s.replace(itemId, input(source, evidence(source.id(), List.of(text)).get(0)), rules,
          now);
    });
  }

  /**
   * Evidence of one source's items with the source's line statistics (the store counts the
   * items' lines into them when it places the items): the items' line hashes say which
   * statistics to read, then the evidence is computed once.
   */
  private List<StoryEvidence> evidence(String sourceId, List<StoryText> texts) {
    StoryStore s = store.orElseThrow();
    long[] lines = texts.stream().flatMapToLong(t -> LongStream.of(matcher.lineHashes(t)))
        .distinct().toArray();
    StoryStore.LineCounts counts = s.lineCounts(sourceId, lines);
    SourceLines known = counts.items() == 0 ? SourceLines.NONE : new SourceLines() {
      @Override
      public int items() {
        return counts.items();
      }

      @Override
      public int itemsWithLine(long lineHash) {
        return counts.itemsWithLine(lineHash);
      }
    };
    return texts.stream().map(t -> matcher.evidence(t, known)).toList();
  }

  private StoryInput input(Source source, StoryEvidence e) {
    StoryInput in = new StoryInput(e.encode(), e.candidateKeys(),
        countsLines ? e.lineHashes() : new long[0]);
    return source.stories() ? in : in.alone();
  }

  /** The best body known when the item is stored: the article, else content, else summary. */
  private static String bestText(FinishedItem i) {
    return i.article().filter(a -> a.status() == FinishedArticle.Status.DONE)
        .flatMap(FinishedArticle::text)
        .or(i::contentText).or(i::summaryText).orElse("");
  }

  /**
   * Decoded evidence by the very byte array it came from: a placement judges each item against
   * many candidates and a candidate against many items, with the same arrays each time.
   */
  private static final ThreadLocal<Map<byte[], StoryEvidence>> DECODED =
      ThreadLocal.withInitial(java.util.IdentityHashMap::new);
  private static final int DECODED_MAX = 1024;

  private static StoryEvidence decoded(byte[] bytes) {
    Map<byte[], StoryEvidence> m = DECODED.get();
    StoryEvidence e = m.get(bytes);
    if (e == null) {
      if (m.size() >= DECODED_MAX) {
        m.clear();
      }
      e = StoryEvidence.decode(bytes);
      m.put(bytes, e);
    }
    return e;
  }

  private OptionalDouble judge(byte[] item, byte[] candidate) {
    if (!StoryEvidence.isCurrent(item) || !StoryEvidence.isCurrent(candidate)) {
      return OptionalDouble.empty(); // evidence of another version: no opinion
    }
    StoryVerdict v = matcher.compare(decoded(item), decoded(candidate));
    return v.same() ? OptionalDouble.of(v.score()) : OptionalDouble.empty();
  }
}
