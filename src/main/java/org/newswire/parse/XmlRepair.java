package org.newswire.parse;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Text-level repairs that turn what agencies publish into XML a strict parser accepts, without
 * ever relaxing that parser: the DOCTYPE is cut out (so the DOCTYPE ban stays on), HTML named
 * entities become numeric references, a bare "&" becomes "&amp;", characters XML 1.0 §2.2
 * forbids are dropped, junk around the root element goes, and undeclared prefixes
 * ("yandex:full-text") are declared on the root.
 */
final class XmlRepair {
  private static final Pattern ROOT_START = Pattern.compile(
      "<(?:rss|feed|rdf:RDF|RDF|[A-Za-z][\\w.-]*:RDF|channel)[\\s>/]");
  private static final Pattern FIRST_ELEMENT = Pattern.compile("<([A-Za-z_][\\w:.-]*)");
  private static final Pattern ENTITY_DECL = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);

  /** Namespaces of prefixes feeds use without declaring them; others get a private URN. */
  private static final Map<String, String> KNOWN_PREFIXES = Map.of(
      "yandex", "http://news.yandex.ru",
      "media", "http://search.yahoo.com/mrss/",
      "dc", "http://purl.org/dc/elements/1.1/",
      "content", "http://purl.org/rss/1.0/modules/content/",
      "atom", "http://www.w3.org/2005/Atom",
      "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "slash", "http://purl.org/rss/1.0/modules/slash/",
      "wfw", "http://wellformedweb.org/CommentAPI/",
      "dcterms", "http://purl.org/dc/terms/",
      "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd");

  private XmlRepair() {}

  /** Thrown for a DOCTYPE that declares entities: such a feed is refused, never expanded. */
  static final class EntityDeclarationException extends Exception {
    EntityDeclarationException() {
      super("the feed's DOCTYPE declares XML entities (refused: external entities and entity"
          + " expansion are never processed)", null, false, false);
    }
  }

  /** The repairs every XML feed gets: cheap, and harmless on a well-formed document. */
  static String repair(String xml) throws EntityDeclarationException {
    String s = cutBeforeRoot(xml);
    s = removeDoctype(s);
    s = cutAfterRoot(s);
    s = fixCharsAndEntities(s);
    return declarePrefixes(s);
  }

  private static String cutBeforeRoot(String s) {
    int prolog = s.indexOf("<?xml");
    if (prolog > 0) {
      return s.substring(prolog);
    }
    if (prolog == 0) {
      return s;
    }
    int lt = s.indexOf('<');
    if (lt < 0) {
      return s;
    }
    Matcher m = ROOT_START.matcher(s);
    if (m.find() && s.substring(lt, m.start()).indexOf("<!") < 0) {
      return s.substring(m.start());
    }
    return s.substring(lt);
  }

  /** Removes a DOCTYPE (RSS 0.91's Netscape one is harmless); one declaring entities is refused. */
  static String removeDoctype(String s) throws EntityDeclarationException {
    int start = doctypeStart(s);
    if (start < 0) {
      return s;
    }
    int i = start + 9;
    int depth = 0;
    char quote = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == '>' && depth <= 0) {
        break;
      }
    }
    String doctype = s.substring(start, Math.min(i + 1, s.length()));
    if (ENTITY_DECL.matcher(doctype).find()) {
      throw new EntityDeclarationException();
    }
    return s.substring(0, start) + s.substring(Math.min(i + 1, s.length()));
  }

  /**
   * Where the DOCTYPE starts, looking only at the prolog (a DOCTYPE after the root element is
   * not well-formed, and the strict parser refuses it): no scan of the whole document.
   */
  private static int doctypeStart(String s) {
    int i = 0;
    while ((i = s.indexOf('<', i)) >= 0 && i + 1 < s.length()) {
      char next = s.charAt(i + 1);
      if (next == '?') {
        int end = s.indexOf("?>", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 2;
      } else if (s.startsWith("<!--", i)) {
        int end = s.indexOf("-->", i + 4);
        if (end < 0) {
          return -1;
        }
        i = end + 3;
      } else if (next == '!') {
        return s.regionMatches(true, i, "<!DOCTYPE", 0, 9) ? i : -1;
      } else {
        return -1; // the root element: the prolog is over
      }
    }
    return -1;
  }

  private static String cutAfterRoot(String s) {
    int from = 0;
    Matcher m = FIRST_ELEMENT.matcher(s);
    while (m.find(from)) {
      int at = m.start();
      if (inComment(s, at)) {
        from = s.indexOf("-->", at) + 3;
        continue;
      }
      String name = m.group(1);
      int close = s.lastIndexOf("</" + name);
      if (close < 0) {
        return s;
      }
      int gt = s.indexOf('>', close);
      return gt < 0 || gt == s.length() - 1 ? s : s.substring(0, gt + 1);
    }
    return s;
  }

  private static boolean inComment(String s, int at) {
    int open = s.lastIndexOf("<!--", at);
    return open >= 0 && s.indexOf("-->", open) > at;
  }

  /** Drops XML-illegal characters and makes every "&" a valid reference (CDATA left alone). */
  static String fixCharsAndEntities(String s) {
    StringBuilder out = null;
    int n = s.length();
    int copied = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '<' && s.startsWith("<![CDATA[", i)) {
        int end = s.indexOf("]]>", i);
        if (end < 0) {
          break;
        }
        for (int j = i; j < end; j++) {
          if (illegal(s.charAt(j))) {
            out = flush(out, s, copied, j);
            copied = j + 1;
          }
        }
        i = end + 2;
      } else if (c == '<' && s.startsWith("<!--", i)) {
        int end = s.indexOf("-->", i);
        if (end < 0) {
          break;
        }
        i = end + 2;
      } else if (c == '&') {
        String replacement = entityReplacement(s, i);
        if (replacement != null) {
          out = flush(out, s, copied, i);
          out.append(replacement);
          copied = s.indexOf(';', i) + 1;
          if (replacement.equals("&amp;")) {
            copied = i + 1;
          }
          i = copied - 1;
        }
      } else if (illegal(c)) {
        out = flush(out, s, copied, i);
        copied = i + 1;
      }
    }
    if (out == null) {
      return s;
    }
    out.append(s, copied, n);
    return out.toString();
  }

  private static StringBuilder flush(StringBuilder out, String s, int from, int to) {
    if (out == null) {
      out = new StringBuilder(s.length() + 64);
    }
    out.append(s, from, to);
    return out;
  }

  /** XML 1.0 §2.2: only TAB, LF, CR among controls; no lone surrogates checked here. */
  private static boolean illegal(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
  }

  /**
   * What to write for the "&" at {@code i}: null to keep a valid reference as it is, a
   * numeric reference for an HTML named entity, "&amp;" for a bare or unknown one (then only
   * the "&" is replaced). References to XML-illegal characters are dropped ("").
   */
  private static String entityReplacement(String s, int i) {
    int semi = -1;
    int limit = Math.min(s.length(), i + 40);
    for (int j = i + 1; j < limit; j++) {
      char c = s.charAt(j);
      if (c == ';') {
        semi = j;
        break;
      }
      if (!(Character.isLetterOrDigit(c) || c == '#' || c == '_' || c == '-' || c == '.')) {
        break;
      }
    }
    if (semi < 0 || semi == i + 1) {
      return "&amp;";
    }
    String name = s.substring(i + 1, semi);
    if (name.charAt(0) == '#') {
      return numericReference(name);
    }
    switch (name) {
      case "amp", "lt", "gt", "quot", "apos":
        return null;
      default:
        break;
    }
    if (name.equals("lang") || name.equals("rang")) {
      return name.equals("lang") ? "&#9001;" : "&#9002;"; // HTML 4's angle brackets, not HTML5's
    }
    String chars = Entities.isNamedEntity(name) ? Entities.getByName(name) : "";
    if (chars.isEmpty()) {
      String lower = name.toLowerCase(Locale.ROOT);
      chars = Entities.isNamedEntity(lower) ? Entities.getByName(lower) : "";
    }
    if (chars.isEmpty()) {
      return "&amp;";
    }
    StringBuilder b = new StringBuilder();
    chars.codePoints().forEach(cp -> b.append("&#").append(cp).append(';'));
    return b.toString();
  }

  private static String numericReference(String name) {
    try {
      boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
      int cp = hex ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
      if (cp >= 0x80 && cp <= 0x9F) {
        // HTML5: &#150; means windows-1252's en dash, as every browser shows it
        byte[] one = {(byte) cp};
        int mapped = new String(one, java.nio.charset.Charset.forName("windows-1252")).codePointAt(0);
        return "&#" + mapped + ";";
      }
      boolean legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      return legal ? null : "";
    } catch (NumberFormatException e) {
      return "&amp;";
    }
  }

  /** Declares on the root element every prefix the document uses but never declares. */
  static String declarePrefixes(String s) {
    Set<String> used = new LinkedHashSet<>();
    Set<String> declared = new LinkedHashSet<>();
    scanPrefixes(s, used, declared);
    used.removeAll(declared);
    used.remove("xml");
    used.remove("xmlns");
    if (used.isEmpty()) {
      return s;
    }
    Matcher root = FIRST_ELEMENT.matcher(s);
    int from = 0;
    while (root.find(from)) {
      if (inComment(s, root.start())) {
        from = s.indexOf("-->", root.start()) + 3;
        continue;
      }
      StringBuilder decl = new StringBuilder();
      for (String prefix : used) {
        String ns = KNOWN_PREFIXES.getOrDefault(prefix, "urn:newswire:undeclared:" + prefix);
        decl.append(" xmlns:").append(prefix).append("=\"").append(ns).append('"');
      }
      return s.substring(0, root.end()) + decl + s.substring(root.end());
    }
    return s;
  }

  /**
   * One pass over the markup (CDATA and comments skipped): prefixes of element and attribute
   * names into {@code used}, prefixes bound by xmlns:p attributes into {@code declared}.
   */
  private static void scanPrefixes(String s, Set<String> used, Set<String> declared) {
    int n = s.length();
    int i = 0;
    while ((i = s.indexOf('<', i)) >= 0 && i + 1 < n) {
      char c = s.charAt(i + 1);
      if (c == '!') {
        int end = s.startsWith("<![CDATA[", i) ? s.indexOf("]]>", i)
            : s.startsWith("<!--", i) ? s.indexOf("-->", i) : s.indexOf('>', i);
        if (end < 0) {
          return;
        }
        i = end + 1;
        continue;
      }
      if (c == '/' || c == '?') {
        i += 2;
        continue;
      }
      int gt = s.indexOf('>', i);
      if (gt < 0) {
        return;
      }
      // names in the tag: the element name, then each attribute name before '='
      int j = i + 1;
      boolean inName = true;
      int nameStart = j;
      char quote = 0;
      for (; j <= gt; j++) {
        char d = s.charAt(j);
        if (quote != 0) {
          if (d == quote) {
            quote = 0;
          }
          if (j == gt) {
            gt = s.indexOf('>', gt + 1);
            if (gt < 0) {
              return;
            }
          }
          continue;
        }
        boolean nameChar = Character.isLetterOrDigit(d) || d == ':' || d == '_' || d == '-'
            || d == '.';
        if (inName && !nameChar) {
          notePrefix(s, nameStart, j, used, declared);
          inName = false;
        }
        if (d == '"' || d == '\'') {
          quote = d;
        } else if (!inName && nameChar && (s.charAt(j - 1) == ' ' || s.charAt(j - 1) == '\t'
            || s.charAt(j - 1) == '\n' || s.charAt(j - 1) == '\r')) {
          inName = true;
          nameStart = j;
        }
      }
      i = gt + 1;
    }
  }

  private static void notePrefix(String s, int from, int to, Set<String> used, Set<String> declared) {
    // Within the name only: a search to the next ':' anywhere made every tag of a document
    // without colons cost a scan of the rest of it (quadratic on 200,000 tags).
    int colon = from;
    while (colon < to && s.charAt(colon) != ':') {
      colon++;
    }
    if (colon >= to || colon == from) {
      return;
    }
    String prefix = s.substring(from, colon);
    if (prefix.equals("xmlns")) {
      declared.add(s.substring(colon + 1, to));
    } else {
      used.add(prefix);
    }
  }
}
