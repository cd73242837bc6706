package org.newswire.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item as ingest's finishing step leaves it, ready to store: HTML sanitized, plain text
 * derived, links checked, canonical URL and identity computed once. {@code identityHash} is
 * unique per source (the database enforces it); {@code contentHash} is the hash of the raw
 * entry, so that re-polls compare like with like. {@code article} is present for sources with
 * full text on. Build it with {@link #builder} or change one with {@link #toBuilder}.
 */
public record FinishedItem(
    String identityHash,
    String identityKind,
    Optional<String> guid,
    Optional<String> link,
    Optional<String> canonicalUrl,
    Optional<String> canonicalUrlHash,
    Optional<String> title,
    Optional<String> author,
    List<Person> authors,
    Optional<String> summaryHtml,
    Optional<String> summaryText,
    Optional<String> contentHtml,
    Optional<String> contentText,
    List<String> categories,
    List<Enclosure> enclosures,
    Optional<String> comments,
    Optional<String> imageUrl,
    String contentHash,
    Instant publishedAt,
    boolean publishedGuessed,
    Optional<Instant> feedUpdatedAt,
    Optional<FinishedArticle> article) {

  public FinishedItem {
    Objects.requireNonNull(identityHash, "identityHash");
    Objects.requireNonNull(identityKind, "identityKind");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(publishedAt, "publishedAt");
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
    enclosures = List.copyOf(enclosures);
  }

  public static Builder builder(String identityHash, String identityKind, String contentHash,
      Instant publishedAt) {
    Builder b = new Builder();
    b.identityHash = identityHash;
    b.identityKind = identityKind;
    b.contentHash = contentHash;
    b.publishedAt = publishedAt;
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.identityHash = identityHash;
    b.identityKind = identityKind;
    b.guid = guid;
    b.link = link;
    b.canonicalUrl = canonicalUrl;
    b.canonicalUrlHash = canonicalUrlHash;
    b.title = title;
    b.author = author;
    b.authors = authors;
    b.summaryHtml = summaryHtml;
    b.summaryText = summaryText;
    b.contentHtml = contentHtml;
    b.contentText = contentText;
    b.categories = categories;
    b.enclosures = enclosures;
    b.comments = comments;
    b.imageUrl = imageUrl;
    b.contentHash = contentHash;
    b.publishedAt = publishedAt;
    b.publishedGuessed = publishedGuessed;
    b.feedUpdatedAt = feedUpdatedAt;
    b.article = article;
    return b;
  }

  /** Optional fields take {@code null} for "absent". */
  public static final class Builder {
    private String identityHash;
    private String identityKind;
    private Optional<String> guid = Optional.empty();
    private Optional<String> link = Optional.empty();
    private Optional<String> canonicalUrl = Optional.empty();
    private Optional<String> canonicalUrlHash = Optional.empty();
    private Optional<String> title = Optional.empty();
    private Optional<String> author = Optional.empty();
    private List<Person> authors = List.of();
    private Optional<String> summaryHtml = Optional.empty();
    private Optional<String> summaryText = Optional.empty();
    private Optional<String> contentHtml = Optional.empty();
    private Optional<String> contentText = Optional.empty();
    private List<String> categories = List.of();
    private List<Enclosure> enclosures = List.of();
    private Optional<String> comments = Optional.empty();
    private Optional<String> imageUrl = Optional.empty();
    private String contentHash;
    private Instant publishedAt;
    private boolean publishedGuessed;
    private Optional<Instant> feedUpdatedAt = Optional.empty();
    private Optional<FinishedArticle> article = Optional.empty();

    private Builder() {}

    public Builder identity(String hash, String kind) {
      identityHash = hash;
      identityKind = kind;
      return this;
    }

    public Builder guid(String v) { guid = Optional.ofNullable(v); return this; }
    public Builder link(String v) { link = Optional.ofNullable(v); return this; }

    /** The canonical URL and its hash, set together. */
    public Builder canonicalUrl(String url, String hash) {
      canonicalUrl = Optional.ofNullable(url);
      canonicalUrlHash = Optional.ofNullable(url == null ? null : hash);
      return this;
    }

    public Builder title(String v) { title = Optional.ofNullable(v); return this; }
    public Builder author(String v) { author = Optional.ofNullable(v); return this; }
    public Builder authors(List<Person> v) { authors = v; return this; }
    public Builder summaryHtml(String v) { summaryHtml = Optional.ofNullable(v); return this; }
    public Builder summaryText(String v) { summaryText = Optional.ofNullable(v); return this; }
    public Builder contentHtml(String v) { contentHtml = Optional.ofNullable(v); return this; }
    public Builder contentText(String v) { contentText = Optional.ofNullable(v); return this; }
    public Builder categories(List<String> v) { categories = v; return this; }
    public Builder enclosures(List<Enclosure> v) { enclosures = v; return this; }
    public Builder comments(String v) { comments = Optional.ofNullable(v); return this; }
    public Builder imageUrl(String v) { imageUrl = Optional.ofNullable(v); return this; }
    public Builder contentHash(String v) { contentHash = v; return this; }
    public Builder publishedAt(Instant v) { publishedAt = v; return this; }
    public Builder publishedGuessed(boolean v) { publishedGuessed = v; return this; }
    public Builder feedUpdatedAt(Instant v) { feedUpdatedAt = Optional.ofNullable(v); return this; }
    public Builder article(FinishedArticle v) { article = Optional.ofNullable(v); return this; }

    public FinishedItem build() {
      return new FinishedItem(identityHash, identityKind, guid, link, canonicalUrl,
          canonicalUrlHash, title, author, authors, summaryHtml, summaryText, contentHtml,
          contentText, categories, enclosures, comments, imageUrl, contentHash, publishedAt,
          publishedGuessed, feedUpdatedAt, article);
    }
  }
}
