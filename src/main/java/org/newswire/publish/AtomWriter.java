package org.newswire.publish;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.newswire.model.Enclosure;
import org.newswire.model.Person;

/**
 * Atom 1.0 (RFC 4287) with RFC 5005 paging links, written in parts that {@link Documents}
 * puts together: the head, each entry on its own, the tail.
 */
final class AtomWriter {
  static final String NS = "http://www.w3.org/2005/Atom";
  /** The feed's closing tag: what follows the last entry. */
  private static final byte[] TAIL = "</feed>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private AtomWriter() {}

  /** Everything before the first entry: the XML declaration, the feed's own elements. */
  static void head(FeedView f, Bytes out) throws XMLStreamException {
    XMLStreamWriter w = Xml.open(out);
    w.setDefaultNamespace(NS);
    w.writeStartElement(NS, "feed");
    w.writeDefaultNamespace(NS);
    Xml.text(w, "id", f.id());
    Xml.text(w, "title", f.title());
    Xml.text(w, "updated", FeedView.rfc3339(f.updated()));
    link(w, "self", f.self(), Format.ATOM.contentType().split(";")[0], null);
    link(w, "alternate", f.home(), "text/html", null);
    if (f.next().isPresent()) {
      link(w, "next", f.next().get(), null, null);
    }
    w.writeStartElement("author");
    Xml.text(w, "name", f.title());
    w.writeEndElement();
    Xml.text(w, "generator", "Newswire");
    // The feed element stays open: entries, each written on its own (see entry), follow.
    w.flush();
  }

  /**
   * One entry, on its own: the same bytes whichever page it is on, so a search page can put
   * together entries rendered for earlier pages. Its elements are in the feed's default
   * namespace, declared by {@link #head}.
   */
  static void entry(EntryView e, Bytes out) throws XMLStreamException {
    XMLStreamWriter w = Xml.fragment(out);
    w.setDefaultNamespace(NS);
    entry(w, e);
    w.flush();
  }

  static void tail(Bytes out) {
    out.write(TAIL, 0, TAIL.length);
  }

  private static void entry(XMLStreamWriter w, EntryView e) throws XMLStreamException {
    w.writeStartElement("entry");
    Xml.text(w, "id", e.id());
    Xml.text(w, "title", e.title());
    Xml.text(w, "published", FeedView.rfc3339(e.published()));
    Xml.text(w, "updated", FeedView.rfc3339(e.updated()));
    if (e.link().isPresent()) {
      link(w, "alternate", e.link().get(), "text/html", null);
    }
    for (EntryView.Report r : e.others()) {
      // RFC 4287 §4.2.7.2: "related" names a related resource: another report of the story,
      // titled "Agency: its own title".
      if (r.agency().link().isPresent()) {
        link(w, "related", r.agency().link().get(), "text/html", r.label());
      }
    }
    for (Enclosure x : e.enclosures()) {
      w.writeEmptyElement("link");
      w.writeAttribute("rel", "enclosure");
      w.writeAttribute("href", x.url());
      if (x.type().isPresent()) {
        w.writeAttribute("type", Text.line(x.type().get()));
      }
      if (x.length().isPresent()) {
        w.writeAttribute("length", Long.toString(x.length().getAsLong()));
      }
    }
    for (Person p : e.authors()) {
      person(w, "author", p);
    }
    for (EntryView.Agency a : e.otherAgencies()) {
      person(w, "contributor", new Person(java.util.Optional.of(a.title()),
          java.util.Optional.empty(), a.feedUrl()));
    }
    for (String c : e.categories()) {
      w.writeEmptyElement("category");
      w.writeAttribute("term", c);
    }
    if (e.summaryHtml().isPresent()) {
      html(w, "summary", e.summaryHtml().get());
    }
    html(w, "content", e.contentHtml());
    source(w, e.origin());
    w.writeEndElement();
  }

  /** RFC 4287 §4.2.11: the feed the entry came from, so readers can credit the agency. */
  private static void source(XMLStreamWriter w, EntryView.Agency a) throws XMLStreamException {
    w.writeStartElement("source");
    Xml.text(w, "id", a.feedUrl().orElse("urn:newswire:source:" + a.id()));
    Xml.text(w, "title", a.title());
    if (a.feedUrl().isPresent()) {
      link(w, "self", a.feedUrl().get(), null, null);
    }
    w.writeEndElement();
  }

  private static void person(XMLStreamWriter w, String element, Person p)
      throws XMLStreamException {
    w.writeStartElement(element);
    Xml.text(w, "name", p.name().map(Text::line).or(() -> p.email().map(Text::line))
        .orElse("unknown"));
    if (p.email().isPresent()) {
      Xml.text(w, "email", Text.line(p.email().get()));
    }
    if (p.uri().isPresent()) {
      java.util.Optional<String> uri = Links.absolute(p.uri().get(), java.util.Optional.empty());
      if (uri.isPresent()) {
        Xml.text(w, "uri", uri.get());
      }
    }
    w.writeEndElement();
  }

  private static void html(XMLStreamWriter w, String element, String html)
      throws XMLStreamException {
    w.writeStartElement(element);
    w.writeAttribute("type", "html");
    w.writeCharacters(html);
    w.writeEndElement();
  }

  /** An atom:link in the default namespace (the Atom document's own). */
  private static void link(XMLStreamWriter w, String rel, String href, String type,
      String title) throws XMLStreamException {
    w.writeEmptyElement("link");
    linkAttributes(w, rel, href, type, title);
  }

  /** rel, href and the optional type and title of an atom:link already opened. */
  static void linkAttributes(XMLStreamWriter w, String rel, String href, String type,
      String title) throws XMLStreamException {
    w.writeAttribute("rel", rel);
    w.writeAttribute("href", href);
    if (type != null) {
      w.writeAttribute("type", type);
    }
    if (title != null) {
      w.writeAttribute("title", title);
    }
  }
}
