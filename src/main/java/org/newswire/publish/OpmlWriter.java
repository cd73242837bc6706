package org.newswire.publish;

import java.util.Collection;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.newswire.model.SecretUrls;
import org.newswire.model.Source;

/**
 * The configured sources as OPML 2.0 (http://opml.org/spec2.opml), the list feed readers import:
 * one {@code type="rss"} outline per enabled source, with its own feed URL and categories.
 */
final class OpmlWriter {
  private OpmlWriter() {}

  static void write(String title, Collection<Source> sources, Bytes out)
      throws XMLStreamException {
    XMLStreamWriter w = Xml.open(out);
    w.writeStartElement("opml");
    w.writeAttribute("version", "2.0");
    w.writeStartElement("head");
    Xml.text(w, "title", title + ": sources");
    w.writeEndElement();
    w.writeStartElement("body");
    for (Source s : sources) {
      if (!s.enabled()) {
        continue;
      }
      String name = s.title().map(Text::line).filter(t -> !t.isEmpty()).orElse(s.id());
      w.writeEmptyElement("outline");
      w.writeAttribute("type", "rss");
      w.writeAttribute("text", name);
      w.writeAttribute("title", name);
      w.writeAttribute("xmlUrl", Text.line(SecretUrls.redact(s.url())));
      if (s.language().isPresent()) {
        w.writeAttribute("language", Text.line(s.language().get()));
      }
      if (!s.categories().isEmpty()) {
        // OPML 2.0: comma-separated, slash-delimited category strings.
        w.writeAttribute("category", s.categories().stream()
            .map(c -> "/" + Text.line(c).replace(",", " "))
            .collect(Collectors.joining(",")));
      }
    }
    w.writeEndElement();
    w.writeEndElement();
    Xml.close(w);
  }
}
