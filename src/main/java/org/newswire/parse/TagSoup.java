package org.newswire.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * The last repair: a lenient XML tokenizer (Jsoup's XML mode closes what was left open and
 * ignores stray end tags) re-serialised as well-formed XML for the strict parser. Only reached
 * for documents the cheaper repairs could not fix.
 */
final class TagSoup {
  private TagSoup() {}

  static String wellFormed(String xml) {
    Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
    doc.outputSettings()
        .syntax(Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml)
        .prettyPrint(false)
        .charset("UTF-8");
    return doc.outerHtml().replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
  }
}
