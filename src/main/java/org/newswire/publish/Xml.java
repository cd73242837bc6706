package org.newswire.publish;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The StAX writer every XML format uses: UTF-8 (encoded by {@link Utf8Writer}, not by the
 * StAX writer, which would hand over one byte per call), escaping done by the writer.
 */
final class Xml {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private Xml() {}

  static XMLStreamWriter open(Bytes out) throws XMLStreamException {
    XMLStreamWriter w = FACTORY.createXMLStreamWriter(new Utf8Writer(out));
    w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
    w.writeCharacters("\n");
    return w;
  }

  /** A writer for part of a document: no XML declaration; the caller flushes it. */
  static XMLStreamWriter fragment(Bytes out) throws XMLStreamException {
    return FACTORY.createXMLStreamWriter(new Utf8Writer(out));
  }

  static void close(XMLStreamWriter w) throws XMLStreamException {
    w.writeEndDocument();
    w.flush();
    w.close();
  }

  /** A simple element; the value is cleaned of XML-illegal characters. */
  static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
    w.writeStartElement(element);
    w.writeCharacters(Text.xml(value));
    w.writeEndElement();
  }
}
