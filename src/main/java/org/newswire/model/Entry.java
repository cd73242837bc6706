package org.newswire.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One item of a feed. Plain-text fields ({@code title}, {@code author}, {@code *Text}) never
 * carry markup; HTML fields are raw after parsing and sanitized after cleaning. {@code id} is the
 * feed's own GUID / Atom id; {@code imageUrl} is a media:thumbnail or similar lead image.
 */
public record Entry(
    Optional<String> title,
    Optional<String> link,
    Optional<String> id,
    Optional<Instant> published,
    Optional<Instant> updated,
    Optional<String> author,
    List<Person> authors,
    Optional<String> summaryText,
    Optional<String> summaryHtml,
    Optional<String> contentText,
    Optional<String> contentHtml,
    List<Enclosure> enclosures,
    List<String> categories,
    Optional<String> comments,
    Optional<String> imageUrl) {

  public Entry {
    authors = List.copyOf(authors);
    enclosures = List.copyOf(enclosures);
    categories = List.copyOf(categories);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.title = title.orElse(null);
    b.link = link.orElse(null);
    b.id = id.orElse(null);
    b.published = published.orElse(null);
    b.updated = updated.orElse(null);
    b.author = author.orElse(null);
    b.authors = new ArrayList<>(authors);
    b.summaryText = summaryText.orElse(null);
    b.summaryHtml = summaryHtml.orElse(null);
    b.contentText = contentText.orElse(null);
    b.contentHtml = contentHtml.orElse(null);
    b.enclosures = new ArrayList<>(enclosures);
    b.categories = new ArrayList<>(categories);
    b.comments = comments.orElse(null);
    b.imageUrl = imageUrl.orElse(null);
    return b;
  }

  /** Mutable assembly of an {@link Entry}; a null or blank string means "absent". */
  public static final class Builder {
    private String title;
    private String link;
    private String id;
    private Instant published;
    private Instant updated;
    private String author;
    private List<Person> authors = new ArrayList<>();
    private String summaryText;
    private String summaryHtml;
    private String contentText;
    private String contentHtml;
    private List<Enclosure> enclosures = new ArrayList<>();
    private List<String> categories = new ArrayList<>();
    private String comments;
    private String imageUrl;

    private Builder() {}

    public Builder title(String v) { title = v; return this; }
    public Builder link(String v) { link = v; return this; }
    public Builder id(String v) { id = v; return this; }
    public Builder published(Instant v) { published = v; return this; }
    public Builder updated(Instant v) { updated = v; return this; }
    public Builder author(String v) { author = v; return this; }
    public Builder authors(List<Person> v) { authors = new ArrayList<>(v); return this; }
    public Builder addAuthor(Person v) { authors.add(v); return this; }
    public Builder summaryText(String v) { summaryText = v; return this; }
    public Builder summaryHtml(String v) { summaryHtml = v; return this; }
    public Builder contentText(String v) { contentText = v; return this; }
    public Builder contentHtml(String v) { contentHtml = v; return this; }
    public Builder enclosures(List<Enclosure> v) { enclosures = new ArrayList<>(v); return this; }
    public Builder addEnclosure(Enclosure v) { enclosures.add(v); return this; }
    public Builder categories(List<String> v) { categories = new ArrayList<>(v); return this; }
    public Builder addCategory(String v) { categories.add(v); return this; }
    public Builder comments(String v) { comments = v; return this; }
    public Builder imageUrl(String v) { imageUrl = v; return this; }

    public Entry build() {
      return new Entry(
          present(title), present(link), present(id), Optional.ofNullable(published),
          Optional.ofNullable(updated), present(author), authors, present(summaryText),
          present(summaryHtml), present(contentText), present(contentHtml), enclosures,
          categories, present(comments), present(imageUrl));
    }

    private static Optional<String> present(String s) {
      return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
  }
}
