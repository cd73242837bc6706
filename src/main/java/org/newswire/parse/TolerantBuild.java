package org.newswire.parse;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * Rome's build, made to survive one bad optional element. Rome converts values such as a
 * {@code cloud} port, {@code skipHours}, {@code skipDays} or a module's numbers strictly and
 * refuses the whole document over one of them ({@code For input string: "…"}). When the build
 * fails, the elements that are not items (nor hold items) are tried away by name, the first name
 * whose removal lets Rome read the document is the culprit, and of its occurrences only those
 * Rome cannot read stay dropped. The cost is paid only by documents Rome refuses.
 */
final class TolerantBuild {
  /** Names tried before giving up; a document has a few dozen distinct element names. */
  private static final int MAX_NAMES = 200;
  /** Occurrences of the culprit tried one by one; beyond this all of them are dropped. */
  private static final int MAX_SINGLES = 64;

  private TolerantBuild() {}

  sealed interface Outcome {}

  /** The feed, with one line per value dropped to get it. */
  record Built(SyndFeed feed, List<String> warnings) implements Outcome {}

  record Refused(String reason) implements Outcome {}

  static Outcome build(Document doc, List<Element> items) {
    String error;
    try {
      return new Built(new SyndFeedInput().build(doc), List.of());
    } catch (FeedException | RuntimeException e) {
      error = XmlDocuments.oneLine(e.getMessage());
      if (e instanceof IllegalArgumentException && "Invalid document".equals(e.getMessage())) {
        return new Refused(error); // no parser for this root: no element can change that
      }
    }
    Map<String, List<Element>> byName = candidates(doc.getRootElement(), items);
    for (Map.Entry<String, List<Element>> name : byName.entrySet()) {
      List<Detached> removed = detach(name.getValue());
      SyndFeed feed = tryBuild(doc);
      if (feed == null) {
        reattach(removed);
        continue;
      }
      List<Detached> dropped = keepReadable(doc, removed);
      if (dropped.size() < removed.size()) {
        feed = tryBuild(doc);
      }
      List<String> warnings = new ArrayList<>(dropped.size());
      for (Detached d : dropped) {
        warnings.add("dropped invalid optional element <" + name.getKey() + ">"
            + shortValue(d.element()) + " (" + error + ")");
      }
      return new Built(feed, warnings);
    }
    return new Refused(error);
  }

  /** Puts back one by one the occurrences Rome can read; returns those that stay out. */
  private static List<Detached> keepReadable(Document doc, List<Detached> removed) {
    if (removed.size() == 1 || removed.size() > MAX_SINGLES) {
      return removed;
    }
    List<Detached> dropped = new ArrayList<>();
    for (Detached d : removed) {
      d.reattach();
      if (tryBuild(doc) == null) {
        d.element().detach();
        dropped.add(d);
      }
    }
    return dropped;
  }

  private static SyndFeed tryBuild(Document doc) {
    try {
      return new SyndFeedInput().build(doc);
    } catch (FeedException | RuntimeException e) {
      return null;
    }
  }

  /** Element names in document order, except items and what holds items (those are the feed). */
  private static Map<String, List<Element>> candidates(Element root, List<Element> items) {
    Set<Element> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element item : items) {
      for (Element e = item; e != null; e = e.getParentElement()) {
        if (!keep.add(e)) {
          break;
        }
      }
    }
    keep.add(root);
    Map<String, List<Element>> byName = new LinkedHashMap<>();
    for (Element e : root.getDescendants(org.jdom2.filter.Filters.element())) {
      if (keep.contains(e)) {
        continue;
      }
      String name = e.getQualifiedName();
      if (byName.size() < MAX_NAMES || byName.containsKey(name)) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
      }
    }
    // An element inside another candidate goes with it; listing it again would detach it twice.
    for (List<Element> list : byName.values()) {
      Set<Element> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      set.addAll(list);
      list.removeIf(e -> hasAncestorIn(e, set));
    }
    return byName;
  }

  private static boolean hasAncestorIn(Element e, Set<Element> set) {
    for (Element p = e.getParentElement(); p != null; p = p.getParentElement()) {
      if (set.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private record Detached(Element element, Element parent, int index) {
    void reattach() {
      parent.addContent(Math.min(index, parent.getContentSize()), element);
    }
  }

  private static List<Detached> detach(List<Element> elements) {
    List<Detached> out = new ArrayList<>(elements.size());
    for (Element e : elements) {
      Element parent = e.getParentElement();
      if (parent != null) {
        out.add(new Detached(e, parent, parent.indexOf(e)));
        e.detach();
      }
    }
    return out;
  }

  private static void reattach(List<Detached> removed) {
    for (Detached d : removed) { // in document order, so each original index is right again
      d.reattach();
    }
  }

  private static String shortValue(Element e) {
    String text = e.getTextNormalize();
    if (text.isEmpty()) {
      return "";
    }
    return " \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
  }
}
