package org.newswire.publish;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.newswire.model.Enclosure;
import org.newswire.model.Person;

/**
 * RSS 2.0. Paging and self links are atom:link (the RSS Advisory Board's practice); the author
 * goes in dc:creator because RSS's own author must be an e-mail address; the full content in
 * content:encoded, the summary in description. A story's origin is the item's one
 * {@code <source url>} (RSS 2.0 allows one per item); its other reports are
 * {@code atom:link rel="related"} with a title, as in the Atom feed, and their agencies
 * dc:contributor: namespaced elements, which RSS 2.0 allows anywhere in an item. Written in
 * parts that {@link Documents} puts together: the head, each item on its own, the tail.
 */
final class RssWriter {
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

  /** What follows the last item: the channel's and the document's closing tags. */
  private static final byte[] TAIL =
      "</channel></rss>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private RssWriter() {}

  /** Everything before the first item: the XML declaration, rss, the channel's elements. */
  static void head(FeedView f, Bytes out) throws XMLStreamException {
    XMLStreamWriter w = Xml.open(out);
    prefixes(w);
    w.writeStartElement("rss");
    w.writeAttribute("version", "2.0");
    w.writeNamespace("atom", AtomWriter.NS);
    w.writeNamespace("dc", DC);
    w.writeNamespace("content", CONTENT);
    w.writeStartElement("channel");
    Xml.text(w, "title", f.title());
    Xml.text(w, "link", f.home());
    Xml.text(w, "description", f.title() + ": news agencies' feeds merged");
    atomLink(w, "self", f.self(), Format.RSS.contentType().split(";")[0], null);
    if (f.next().isPresent()) {
      atomLink(w, "next", f.next().get(), null, null);
    }
    Xml.text(w, "lastBuildDate", FeedView.rfc822(f.updated()));
    Xml.text(w, "generator", "Newswire");
    // rss and channel stay open: items, each written on its own (see item), follow.
    w.flush();
  }

  /**
   * One item, on its own: the same bytes whichever page it is on. Its prefixes are those
   * {@link #head} declares.
   */
  static void item(EntryView e, Bytes out) throws XMLStreamException {
    XMLStreamWriter w = Xml.fragment(out);
    prefixes(w);
    item(w, e);
    w.flush();
  }

  static void tail(Bytes out) {
    out.write(TAIL, 0, TAIL.length);
  }

  private static void prefixes(XMLStreamWriter w) throws XMLStreamException {
    w.setPrefix("atom", AtomWriter.NS);
    w.setPrefix("dc", DC);
    w.setPrefix("content", CONTENT);
  }

  private static void item(XMLStreamWriter w, EntryView e) throws XMLStreamException {
    w.writeStartElement("item");
    Xml.text(w, "title", e.title());
    if (e.link().isPresent()) {
      Xml.text(w, "link", e.link().get());
    }
    Xml.text(w, "description", e.summaryHtml().orElse(e.contentHtml()));
    if (e.summaryHtml().isPresent()) {
      w.writeStartElement(CONTENT, "encoded");
      w.writeCharacters(e.contentHtml());
      w.writeEndElement();
    }
    w.writeStartElement("guid");
    w.writeAttribute("isPermaLink", "false");
    w.writeCharacters(e.id());
    w.writeEndElement();
    Xml.text(w, "pubDate", FeedView.rfc822(e.published()));
    for (Person p : e.authors()) {
      w.writeStartElement(DC, "creator");
      w.writeCharacters(p.name().or(p::email).map(Text::line).orElse("unknown"));
      w.writeEndElement();
    }
    for (String c : e.categories()) {
      Xml.text(w, "category", c);
    }
    for (Enclosure x : e.enclosures()) {
      // RSS 2.0 makes url, length and type all required.
      w.writeEmptyElement("enclosure");
      w.writeAttribute("url", x.url());
      w.writeAttribute("length", Long.toString(x.length().orElse(0)));
      w.writeAttribute("type", x.type().map(Text::line).orElse("application/octet-stream"));
    }
    for (EntryView.Agency a : e.otherAgencies()) {
      w.writeStartElement(DC, "contributor");
      w.writeCharacters(a.title());
      w.writeEndElement();
    }
    for (EntryView.Report r : e.others()) {
      if (r.agency().link().isPresent()) {
        atomLink(w, "related", r.agency().link().get(), "text/html", r.label());
      }
    }
    if (e.origin().feedUrl().isPresent()) {
      w.writeStartElement("source");
      w.writeAttribute("url", e.origin().feedUrl().get());
      w.writeCharacters(e.origin().title());
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private static void atomLink(XMLStreamWriter w, String rel, String href, String type,
      String title) throws XMLStreamException {
    w.writeEmptyElement(AtomWriter.NS, "link");
    AtomWriter.linkAttributes(w, rel, href, type, title);
  }
}
