package org.newswire.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newswire.dedup.Identities;
import org.newswire.model.Enclosure;
import org.newswire.model.FinishedItem;

/**
 * Test items written through the real write path ({@link FeedStore#recordPoll}), with only
 * the fields a test cares about set.
 */
public final class Items {
  private Items() {}

  /** An item of {@code sourceId} whose identity is {@code key}; link and text derived. */
  public static Builder item(String key) {
    return new Builder(key);
  }

  /** Stores {@code items} as one poll of {@code sourceId} at {@code polledAt}. */
  public static PollCounts poll(FeedStore store, String sourceId, Instant polledAt,
      List<FinishedItem> items) {
    SourceState s = polled(sourceId, "https://" + sourceId + ".example/rss", polledAt,
        Optional.empty());
    return store.recordPoll(new PollWrite(s, items));
  }

  /** The state a successful poll at {@code polledAt} leaves behind. */
  public static SourceState polled(String sourceId, String url, Instant polledAt,
      Optional<Instant> nextPoll) {
    return new SourceState(sourceId, url, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 0, Optional.of(polledAt), Optional.of(polledAt),
        Optional.of("fetched"), Optional.of(200), Optional.empty(), 0, 0, 0, Optional.empty(),
        nextPoll, 0);
  }

  public static final class Builder {
    private final String key;
    private String title;
    private String link;
    private String canonical;
    private String summaryHtml;
    private String summaryText;
    private String contentHtml;
    private String contentText;
    private String author;
    private List<String> categories = List.of();
    private List<Enclosure> enclosures = List.of();
    private String contentHash = "h1";
    private Instant published = Instant.parse("2024-03-01T10:00:00Z");

    private Builder(String key) {
      this.key = key;
      this.title = "Item " + key;
      this.link = "https://news.example/" + key;
      this.summaryText = "Summary of " + key;
      this.summaryHtml = "<p>" + summaryText + "</p>";
    }

    public Builder title(String v) { title = v; return this; }
    public Builder link(String v) { link = v; return this; }
    public Builder canonical(String v) { canonical = v; return this; }
    public Builder summary(String html, String text) { summaryHtml = html; summaryText = text; return this; }
    public Builder content(String html, String text) { contentHtml = html; contentText = text; return this; }
    public Builder author(String v) { author = v; return this; }
    public Builder categories(String... v) { categories = List.of(v); return this; }
    public Builder enclosures(Enclosure... v) { enclosures = List.of(v); return this; }
    public Builder contentHash(String v) { contentHash = v; return this; }
    public Builder published(Instant v) { published = v; return this; }

    public FinishedItem build() {
      return FinishedItem.builder(Identities.sha256("guid:" + key), "guid", contentHash, published)
          .guid("guid-" + key).link(link)
          .canonicalUrl(canonical, canonical == null ? null : Identities.sha256(canonical))
          .title(title).author(author).summaryHtml(summaryHtml).summaryText(summaryText)
          .contentHtml(contentHtml).contentText(contentText).categories(categories)
          .enclosures(enclosures).build();
    }
  }
}
