package org.newswire.parse;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A SAX filter in front of the JDOM builder that refuses a document nested deeper than
 * {@link #MAX_DEPTH} elements. JDOM checks every new child against all its ancestors, so a tree
 * of n nested elements costs O(n²): 200,000 of them (1.4 MB) took minutes of CPU. Counting
 * depth while the parser streams keeps a refused document's cost linear in its size.
 */
final class DepthLimit extends XMLFilterImpl {
  /** Far beyond any real feed (rss/channel/item/description plus XHTML content). */
  static final int MAX_DEPTH = 512;

  private Locator locator;
  private int depth;

  /** The parse stopped at the limit; its message is the one-line reason for operators. */
  static final class TooDeepException extends SAXParseException {
    TooDeepException(int line) {
      super("not a feed: XML nested deeper than " + MAX_DEPTH + " levels at line " + line, null);
    }
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
    super.setDocumentLocator(locator);
  }

  @Override
  public void startDocument() throws SAXException {
    depth = 0; // one builder (and this filter) serves many documents in turn
    super.startDocument();
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts)
      throws SAXException {
    if (++depth > MAX_DEPTH) {
      throw new TooDeepException(locator == null ? -1 : locator.getLineNumber());
    }
    super.startElement(uri, localName, qName, atts);
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    depth--;
    super.endElement(uri, localName, qName);
  }
}
