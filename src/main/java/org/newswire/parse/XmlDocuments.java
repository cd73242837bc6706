package org.newswire.parse;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/**
 * Text to a JDOM document with a parser that refuses any DOCTYPE, so neither external entities
 * (XXE) nor entity expansion (billion laughs) can happen, whatever the repairs let through.
 * When the repaired text is still not well-formed, two stronger repairs are tried in turn: HTML
 * left unescaped inside description-like elements is wrapped in CDATA, and finally a lenient
 * tag-soup reading (Jsoup's XML mode) rebuilds a well-formed tree. A document nested deeper
 * than {@link DepthLimit#MAX_DEPTH} is refused outright.
 */
final class XmlDocuments {
  private static final ThreadLocal<SAXBuilder> BUILDER = ThreadLocal.withInitial(XmlDocuments::newBuilder);

  private static final List<String> HTML_ELEMENTS = List.of(
      "description", "content:encoded", "yandex:full-text", "summary", "content", "body",
      "xhtml:body", "comments", "title", "copyright", "subtitle", "tagline", "info", "rights");

  private XmlDocuments() {}

  private static SAXBuilder newBuilder() {
    SAXBuilder b = new SAXBuilder(XMLReaders.NONVALIDATING);
    b.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    b.setFeature("http://xml.org/sax/features/external-general-entities", false);
    b.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    b.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    b.setExpandEntities(false);
    b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    b.setXMLFilter(new DepthLimit());
    return b;
  }

  /** The document, or the parser's complaint about the last attempt. */
  sealed interface Outcome {}

  /** @param asWritten read without any of the repairs that rewrite the whole text */
  record Read(Document doc, boolean asWritten) implements Outcome {}

  record Broken(String reason) implements Outcome {}

  static Outcome read(String xml) {
    String firstError;
    try {
      return new Read(build(xml), true);
    } catch (JDOMException e) {
      Optional<String> tooDeep = tooDeep(e);
      if (tooDeep.isPresent()) {
        // No repair makes a document shallower; the lenient reading would only cost more.
        return new Broken(tooDeep.get());
      }
      firstError = oneLine(e.getMessage());
    }
    String wrapped = wrapUnescapedHtml(xml);
    if (!wrapped.equals(xml)) {
      try {
        return new Read(build(wrapped), false);
      } catch (JDOMException e) {
        // fall through to the tag-soup reading
      }
    }
    try {
      return new Read(build(TagSoup.wellFormed(xml)), false);
    } catch (JDOMException e) {
      return new Broken(tooDeep(e).orElse("not well-formed XML: " + firstError));
    } catch (RuntimeException e) {
      return new Broken("not well-formed XML: " + firstError);
    }
  }

  /** The document if the text is well-formed as it is: no repairs tried. */
  static Optional<Document> asWritten(String xml) {
    try {
      return Optional.of(build(xml));
    } catch (JDOMException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> tooDeep(JDOMException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DepthLimit.TooDeepException deep) {
        return Optional.of(deep.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Document build(String xml) throws JDOMException {
    try {
      return BUILDER.get().build(new StringReader(xml));
    } catch (IOException e) {
      throw new JDOMException(e.getMessage(), e);
    }
  }

  /** Wraps the content of HTML-carrying elements in CDATA when it contains raw markup. */
  static String wrapUnescapedHtml(String xml) {
    String s = xml;
    for (String name : HTML_ELEMENTS) {
      if (s.indexOf("<" + name) < 0) {
        continue;
      }
      Pattern p = Pattern.compile("(<" + Pattern.quote(name) + "(?:\\s[^>]*)?(?<!/)>)(.*?)(</"
          + Pattern.quote(name) + "\\s*>)", Pattern.DOTALL);
      Matcher m = p.matcher(s);
      StringBuilder out = new StringBuilder(s.length() + 256);
      while (m.find()) {
        String inner = m.group(2);
        String replacement;
        if (inner.indexOf('<') < 0 || inner.strip().startsWith("<![CDATA[")
            || m.group(1).contains("xhtml")) {
          replacement = m.group();
        } else {
          replacement = m.group(1) + "<![CDATA[" + inner.replace("]]>", "]]]]><![CDATA[>")
              + "]]>" + m.group(3);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      s = out.toString();
    }
    return s;
  }

  static String oneLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
