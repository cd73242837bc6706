package org.newswire.parse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Direct reads of the JDOM tree for what Rome drops or reads badly: raw date strings, xml:base,
 * yandex:full-text, Media RSS, the TTL. Also the normalisations Rome needs to recognise a
 * format at all (an RSS root without version or channel, an Atom feed without namespace).
 */
final class XmlElements {
  static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
  static final Namespace RSS_10 = Namespace.getNamespace("http://purl.org/rss/1.0/");

  private XmlElements() {}

  /** Nudges near-miss documents into a shape one of Rome's parsers claims. */
  static void normalise(Document doc) {
    Element root = doc.getRootElement();
    String name = root.getName().toLowerCase(Locale.ROOT);
    if (name.equals("channel") && root.getChild("channel") == null) {
      Cdf.toRss(doc);
      return;
    }
    if (name.equals("rss")) {
      if (!root.getNamespace().getURI().isEmpty()) {
        // RSS 2.0 "in a namespace" (backend.userland.com): Rome reads only the plain one
        moveOutOfNamespace(root, root.getNamespace());
      }
      String v = root.getAttributeValue("version");
      if (v == null || !(v.equals("0.91") || v.equals("0.92") || v.equals("0.93")
          || v.equals("0.94") || v.startsWith("2.0"))) {
        root.setAttribute("version", "2.0");
      }
      if (root.getChild("channel") == null) {
        Element channel = new Element("channel");
        List<Element> children = new ArrayList<>(root.getChildren());
        for (Element c : children) {
          c.detach();
          channel.addContent(c);
        }
        root.addContent(channel);
      }
    } else if (name.equals("feed")) {
      String uri = root.getNamespaceURI();
      if (!uri.equals(ATOM_10.getURI()) && !uri.equals(ATOM_03.getURI())) {
        // No namespace or a made-up one: still Atom by every other sign
        Namespace ns = "0.3".equals(root.getAttributeValue("version")) ? ATOM_03 : ATOM_10;
        Namespace old = root.getNamespace();
        moveOutOfNamespace(root, old);
        moveToNamespace(root, ns);
      }
      decodeBase64(root, root.getNamespaceURI().equals(ATOM_03.getURI()));
    } else if (name.equals("rdf") && root.getChildren().stream()
        .anyMatch(c -> c.getNamespace().getURI().isEmpty())) {
      for (Element c : root.getChildren()) {
        if (c.getNamespace().getURI().isEmpty()) {
          moveToNamespace(c, RSS_10);
        }
      }
      root.addNamespaceDeclaration(Namespace.getNamespace("rss", RSS_10.getURI()));
    }
    if (name.equals("rdf") && root.getChildren().stream().noneMatch(c -> c.getName().equals("channel"))) {
      Namespace ns = root.getNamespace("") != null ? root.getNamespace("") : RSS_10;
      Element channel = new Element("channel", ns);
      channel.addContent(new Element("title", ns));
      root.addContent(0, channel);
    }
  }

  private static void moveOutOfNamespace(Element e, Namespace ns) {
    if (e.getNamespace().equals(ns)) {
      e.setNamespace(Namespace.NO_NAMESPACE);
    }
    for (Element c : e.getChildren()) {
      moveOutOfNamespace(c, ns);
    }
  }

  /**
   * Base64 text constructs decoded in place (Atom 0.3 mode="base64", Atom 1.0 non-text types):
   * Rome fails on the former and passes the latter through undecoded.
   */
  private static void decodeBase64(Element e, boolean atom03) {
    for (Element c : e.getChildren()) {
      String type = c.getAttributeValue("type");
      boolean encoded = atom03 ? "base64".equals(c.getAttributeValue("mode"))
          : type != null && !type.startsWith("text") && !type.equals("html")
              && !type.equals("xhtml") && !type.contains("xml") && c.getChildren().isEmpty();
      if (encoded && !c.getName().equals("link")) {
        String html = Fallbacks.html(c, true);
        c.setText(html);
        if (atom03) {
          c.setAttribute("mode", "escaped");
          c.setAttribute("type", "text/html");
        } else {
          c.setAttribute("type", "html");
        }
      } else {
        decodeBase64(c, atom03);
      }
    }
  }

  private static void moveToNamespace(Element e, Namespace ns) {
    if (e.getNamespace().getURI().isEmpty()) {
      e.setNamespace(ns);
    }
    for (Element c : e.getChildren()) {
      moveToNamespace(c, ns);
    }
  }

  /** The feed's item elements in the order Rome reads them (RSS item, Atom entry). */
  static List<Element> items(Element root) {
    String name = root.getName().toLowerCase(Locale.ROOT);
    if (name.equals("feed")) {
      return root.getChildren("entry", root.getNamespace());
    }
    if (name.equals("rss")) {
      Element channel = root.getChild("channel");
      return channel == null ? List.of() : channel.getChildren("item");
    }
    List<Element> out = new ArrayList<>();
    for (Element c : root.getChildren()) {
      if (c.getName().equals("item")) {
        out.add(c);
      }
    }
    return out;
  }

  /** The element holding feed-level metadata (RSS channel, or the root). */
  static Element channel(Element root) {
    if (root.getName().equalsIgnoreCase("rss")) {
      Element c = root.getChild("channel");
      return c == null ? root : c;
    }
    for (Element c : root.getChildren()) {
      if (c.getName().equals("channel")) {
        return c;
      }
    }
    return root;
  }

  /** First child by local name (any namespace whose URI contains {@code nsHint}), trimmed text. */
  static String text(Element parent, String localName, String nsHint) {
    for (Element c : parent.getChildren()) {
      if (c.getName().equals(localName) && c.getNamespaceURI().contains(nsHint)) {
        String t = c.getTextTrim();
        if (!t.isEmpty()) {
          return t;
        }
      }
    }
    return null;
  }

  /**
   * The href of the first Atom {@code <link>} child (Atom 1.0 or 0.3, also inside RSS) with this
   * rel; a link without rel counts as "alternate" (RFC 4287 §4.2.7.2).
   */
  static String atomLink(Element parent, String rel) {
    for (Namespace ns : List.of(ATOM_10, ATOM_03)) {
      for (Element c : parent.getChildren("link", ns)) {
        String href = c.getAttributeValue("href");
        if (rel.equals(c.getAttributeValue("rel", "alternate").strip())
            && href != null && !href.isBlank()) {
          return href;
        }
      }
    }
    return null;
  }

  static Element child(Element parent, String localName, String nsHint) {
    for (Element c : parent.getChildren()) {
      if (c.getName().equals(localName) && c.getNamespaceURI().contains(nsHint)) {
        return c;
      }
    }
    return null;
  }

  /** The raw date elements of an element, removed so Rome does not parse them again. */
  static RawDates takeDates(Element e) {
    String published = null;
    String updated = null;
    String dcDate = null;
    List<Element> dates = new ArrayList<>();
    for (Element c : e.getChildren()) {
      String n = c.getName();
      String ns = c.getNamespaceURI();
      String t = c.getTextTrim();
      boolean atom = ns.equals(ATOM_10.getURI()) || ns.equals(ATOM_03.getURI());
      boolean dcterms = ns.startsWith("http://purl.org/dc/terms");
      boolean dc = ns.startsWith("http://purl.org/dc/elements");
      if (n.equals("pubDate") || (atom || dcterms) && (n.equals("published")
          || n.equals("issued") || n.equals("created"))) {
        published = !t.isEmpty() ? t : published;
      } else if (n.equals("lastBuildDate") || (atom || dcterms) && (n.equals("updated")
          || n.equals("modified"))) {
        updated = !t.isEmpty() ? t : updated;
      } else if (dc && n.equals("date") || dcterms && n.equals("date")) {
        dcDate = !t.isEmpty() ? t : dcDate;
      } else {
        continue;
      }
      dates.add(c);
    }
    dates.forEach(Element::detach);
    return new RawDates(published != null ? published : dcDate, updated);
  }

  record RawDates(String published, String updated) {}

  /** The base URI in effect at {@code e}: xml:base attributes on the way down, then the doc URL. */
  static URI base(Element e, URI documentUrl) {
    List<String> bases = new ArrayList<>();
    for (Element x = e; x != null; x = x.getParentElement()) {
      Attribute b = x.getAttribute("base", Namespace.XML_NAMESPACE);
      if (b != null) {
        bases.add(b.getValue());
      }
    }
    URI base = documentUrl;
    for (int i = bases.size() - 1; i >= 0; i--) {
      String resolved = Links.resolve(base, bases.get(i));
      URI u = Links.toUri(resolved);
      if (u != null && u.isAbsolute()) {
        base = u;
      } else if (u != null && base == null) {
        base = null;
      }
    }
    return base;
  }
}
