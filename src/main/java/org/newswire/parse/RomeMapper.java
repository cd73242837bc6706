package org.newswire.parse;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.Person;

/** Rome's view of one entry, to our {@link Entry}: the parts Rome reads well. */
final class RomeMapper {
  // RSS <author>: "jane@example.org (Jane Doe)" or "Jane Doe <jane@example.org>"
  private static final Pattern EMAIL_NAME = Pattern.compile("^\\s*(\\S+@\\S+)\\s*\\((.*)\\)\\s*$");
  private static final Pattern NAME_EMAIL = Pattern.compile("^\\s*(.*?)\\s*[<(]\\s*(\\S+@[^>)\\s]+)\\s*[>)]\\s*$");
  private static final Pattern EMAIL = Pattern.compile("^\\s*(?:mailto:)?(\\S+@\\S+\\.\\S+)\\s*$");

  private RomeMapper() {}

  static Entry.Builder entry(SyndEntry e, boolean atom, URI base, URI htmlBase) {
    Entry.Builder b = Entry.builder();
    b.title(titleHtml(e.getTitleEx(), e.getTitle(), atom));
    b.link(Links.resolve(base, link(e)));
    b.id(e.getUri());
    SyndContent desc = e.getDescription();
    if (desc != null) {
      b.summaryHtml(Links.resolveHtml(asHtml(desc, atom), htmlBase));
    }
    for (SyndContent c : e.getContents()) {
      String html = asHtml(c, atom);
      if (html != null && !html.isBlank()) {
        b.contentHtml(Links.resolveHtml(html, htmlBase));
        break;
      }
    }
    List<Person> authors = persons(e.getAuthors());
    if (authors.isEmpty() && e.getAuthor() != null && !e.getAuthor().isBlank()) {
      authors = List.of(person(e.getAuthor()));
    }
    b.authors(authors);
    b.author(authors.isEmpty() ? e.getAuthor() : display(authors.get(0)));
    for (SyndEnclosure enc : e.getEnclosures()) {
      if (enc.getUrl() != null && !enc.getUrl().isBlank()) {
        b.addEnclosure(new Enclosure(Links.resolve(base, enc.getUrl()),
            Optional.ofNullable(enc.getType()).filter(s -> !s.isBlank()),
            enc.getLength() > 0 ? OptionalLong.of(enc.getLength()) : OptionalLong.empty()));
      }
    }
    b.categories(categories(e.getCategories()));
    b.comments(Links.resolve(base, e.getComments()));
    return b;
  }

  private static String link(SyndEntry e) {
    if (e.getLink() != null && !e.getLink().isBlank()) {
      return e.getLink();
    }
    for (SyndLink l : e.getLinks()) {
      if (l.getHref() != null && (l.getRel() == null || l.getRel().equals("alternate"))) {
        return l.getHref();
      }
    }
    return null;
  }

  static List<String> categories(List<SyndCategory> cats) {
    List<String> out = new ArrayList<>();
    for (SyndCategory c : cats) {
      String n = c.getName();
      if (n != null && !n.isBlank() && !out.contains(n.strip())) {
        out.add(n.strip());
      }
    }
    return out;
  }

  static List<Person> persons(List<SyndPerson> people) {
    List<Person> out = new ArrayList<>();
    for (SyndPerson p : people) {
      Person person = new Person(Optional.ofNullable(p.getName()).map(String::strip),
          Optional.ofNullable(p.getEmail()).map(String::strip),
          Optional.ofNullable(p.getUri()).map(String::strip));
      if (!person.isEmpty()) {
        out.add(person);
      }
    }
    return out;
  }

  /** An RSS-style author string split into name and e-mail where it carries both. */
  static Person person(String s) {
    Matcher m = EMAIL_NAME.matcher(s);
    if (m.matches()) {
      return new Person(Optional.of(m.group(2).strip()), Optional.of(m.group(1)), Optional.empty());
    }
    m = NAME_EMAIL.matcher(s);
    if (m.matches() && !m.group(1).isBlank()) {
      return new Person(Optional.of(m.group(1)), Optional.of(m.group(2)), Optional.empty());
    }
    m = EMAIL.matcher(s);
    if (m.matches()) {
      return new Person(Optional.empty(), Optional.of(m.group(1)), Optional.empty());
    }
    return Person.named(s.strip());
  }

  static String display(Person p) {
    return p.name().orElseGet(() -> p.email().orElse(p.uri().orElse(null)));
  }

  static String titleHtml(SyndContent ex, String plain, boolean atom) {
    if (ex != null && ex.getValue() != null) {
      return asHtml(ex, atom);
    }
    return plain;
  }

  /**
   * Content as HTML: Atom text constructs of type "text" (RFC 4287 §3.1.1.1) are escaped so
   * their "<" stays literal; RSS fields are HTML by custom, whatever Rome labels them.
   */
  static String asHtml(SyndContent c, boolean atom) {
    String v = c.getValue();
    if (v == null) {
      return null;
    }
    String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
    if (atom && (type.isEmpty() || type.equals("text") || type.equals("text/plain"))) {
      return escape(v);
    }
    return v;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static FeedPersons feedPersons(SyndFeed f) {
    List<Person> authors = persons(f.getAuthors());
    String author = f.getAuthor();
    if (authors.isEmpty() && author == null) {
      author = f.getManagingEditor();
      if (author == null) {
        author = f.getWebMaster();
      }
    }
    if (authors.isEmpty() && author != null && !author.isBlank()) {
      authors = List.of(person(author));
    }
    return new FeedPersons(authors.isEmpty() ? author : display(authors.get(0)), authors);
  }

  record FeedPersons(String author, List<Person> authors) {}
}
