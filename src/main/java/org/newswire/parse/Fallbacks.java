package org.newswire.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Text;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.newswire.model.Person;

/**
 * Reads fields straight from the tree where Rome has nothing: Dublin Core stand-ins (dc:title,
 * dc:description, dc:subject…), Atom 0.3 names Rome does not know, XHTML bodies, authors with
 * url/homepage. Looked up by local name in any namespace, as feeds mix them freely.
 */
final class Fallbacks {
  private static final XMLOutputter XML = new XMLOutputter(Format.getRawFormat());

  private Fallbacks() {}

  /** The first named child with content, as HTML (see {@link #html}); null when none. */
  static String firstHtml(Element parent, boolean atom, String... names) {
    for (String name : names) {
      for (Element c : parent.getChildren()) {
        if (c.getName().equals(name) && (c.getTextTrim().length() > 0 || !c.getChildren().isEmpty())) {
          return html(c, atom);
        }
      }
    }
    return null;
  }

  /**
   * An element's content as HTML: inline XHTML serialised, Atom text (RFC 4287 §3.1.1.1)
   * escaped, base64 (Atom 0.3 mode="base64", or a non-text Atom 1.0 type) decoded.
   */
  static String html(Element e, boolean atom) {
    String type = Optional.ofNullable(e.getAttributeValue("type")).orElse("")
        .toLowerCase(Locale.ROOT);
    String mode = Optional.ofNullable(e.getAttributeValue("mode")).orElse("");
    if (mode.equals("base64") || (atom && !type.isEmpty() && !type.startsWith("text")
        && !type.equals("html") && !type.equals("xhtml") && !type.contains("xml"))) {
      String decoded = base64(e.getText());
      if (decoded != null) {
        boolean plain = type.equals("text") || type.equals("text/plain") || type.isEmpty();
        return plain ? RomeMapper.escape(decoded) : decoded;
      }
    }
    if (!e.getChildren().isEmpty()) {
      List<Content> content = e.getContent();
      if (type.equals("xhtml") && e.getChildren().size() == 1
          && e.getChildren().get(0).getName().equals("div")) {
        content = e.getChildren().get(0).getContent();
      }
      StringBuilder b = new StringBuilder();
      for (Content c : content) {
        b.append(c instanceof Element el ? XML.outputString(el)
            : c instanceof Text t ? RomeMapper.escape(t.getText()) : "");
      }
      return b.toString();
    }
    String text = e.getText();
    if (atom && (type.isEmpty() || type.equals("text") || type.equals("text/plain"))
        && !mode.equals("escaped")) {
      return RomeMapper.escape(text);
    }
    return text;
  }

  private static String base64(String s) {
    try {
      return new String(Base64.getMimeDecoder().decode(s.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Authors as the tree has them: Atom person constructs, RSS author, dc:creator/dc:author. */
  static List<Person> authors(Element parent, boolean feedLevel) {
    List<Person> out = new ArrayList<>();
    for (Element c : parent.getChildren()) {
      String n = c.getName();
      if (n.equals("author") && !c.getChildren().isEmpty()) {
        Person p = new Person(Optional.ofNullable(XmlElements.text(c, "name", "")),
            Optional.ofNullable(XmlElements.text(c, "email", "")),
            Optional.ofNullable(firstText(c, "uri", "url", "homepage")));
        if (!p.isEmpty()) {
          out.add(p);
        }
      } else if ((n.equals("author") || n.equals("creator") && c.getNamespaceURI().contains("dc")
          || feedLevel && n.equals("managingEditor")) && !c.getTextTrim().isEmpty()) {
        out.add(RomeMapper.person(c.getTextTrim()));
      }
    }
    return out;
  }

  private static String firstText(Element parent, String... names) {
    for (String n : names) {
      String t = XmlElements.text(parent, n, "");
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** dc:subject values, which Rome maps only for some formats. */
  static List<String> subjects(Element item) {
    List<String> out = new ArrayList<>();
    for (Element c : item.getChildren()) {
      if (c.getName().equals("subject") && c.getNamespaceURI().contains("purl.org/dc")
          && !c.getTextTrim().isEmpty()) {
        out.add(c.getTextTrim());
      }
    }
    return out;
  }

  /** An Atom link given as element text rather than href (seen in Atom 0.3 feeds). */
  static String linkText(Element item) {
    for (Element c : item.getChildren()) {
      if (c.getName().equals("link") && c.getAttributeValue("href") == null
          && !c.getTextTrim().isEmpty()) {
        String rel = c.getAttributeValue("rel");
        if (rel == null || rel.equals("alternate")) {
          return c.getTextTrim();
        }
      }
    }
    return null;
  }
}
