package org.newswire.parse;

import java.util.ArrayList;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * Microsoft's Channel Definition Format (CHANNEL/ITEM with HREF and LASTMOD attributes), still
 * met in old portals: rewritten as the RSS 2.0 it resembles so one reader handles both.
 */
final class Cdf {
  private Cdf() {}

  static void toRss(Document doc) {
    Element cdf = doc.getRootElement();
    Element rss = new Element("rss").setAttribute("version", "2.0");
    Element channel = convert(cdf, "lastBuildDate");
    for (Element item : new ArrayList<>(cdf.getChildren())) {
      if (item.getName().equalsIgnoreCase("item")) {
        Element i = convert(item, "lastBuildDate");
        i.setName("item");
        channel.addContent(i);
      }
    }
    channel.setName("channel");
    rss.addContent(channel);
    doc.setRootElement(rss);
  }

  private static Element convert(Element from, String lastmodName) {
    Element to = new Element("x");
    String href = attr(from, "href");
    if (href != null) {
      to.addContent(new Element("link").setText(href));
    }
    String lastmod = attr(from, "lastmod");
    if (lastmod != null) {
      to.addContent(new Element(lastmodName).setText(lastmod));
    }
    for (Element c : from.getChildren()) {
      String n = c.getName().toLowerCase(Locale.ROOT);
      if (n.equals("title")) {
        to.addContent(new Element("title").setText(c.getText()));
      } else if (n.equals("abstract")) {
        to.addContent(new Element("description").setText(c.getText()));
      }
    }
    return to;
  }

  private static String attr(Element e, String name) {
    for (var a : e.getAttributes()) {
      if (a.getName().equalsIgnoreCase(name)) {
        return a.getValue();
      }
    }
    return null;
  }
}
