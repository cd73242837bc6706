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
 * Rome's build, made to survive bad optional elements. Rome converts values such as a
 * {@code cloud} port, {@code skipHours}, {@code skipDays} or a module's numbers strictly and
 * refuses the whole document over one of them ({@code For input string: "…"}). When the build
 * fails, the elements that are not items (nor hold items) are taken away by name, one name after
 * another, until Rome reads the rest; then each name is put back unless Rome fails with it, and
 * of a failing name's occurrences only those Rome cannot read stay dropped. The cost (a few
 * builds per element name) is paid only by documents Rome refuses.
 */
final class TolerantBuild {
  /** Names tried before giving up (two builds each at most); feeds have a few dozen names. */
  private static final int MAX_NAMES = 60;
  /** Occurrences of the culprit tried one by one; beyond this all of them are dropped. */
  private static final int MAX_SINGLES = 64;

  private TolerantBuild() {}

  sealed interface Outcome {}

  /** The feed, with one line per value dropped to get it. */
  record Built(SyndFeed feed, List<String> warnings) implements Outcome {}

  record Refused(String reason) implements Outcome {}

  static Outcome build(Document doc, List<Element> items) {
    Attempt first = attempt(doc);
    if (first.feed() != null) {
      return new Built(first.feed(), List.of());
    }
    if ("Invalid document".equals(first.error())) {
      return new Refused(first.error()); // no parser for this root: no element can change that
    }
    // Take names away one after another until Rome reads what is left…
    List<Map.Entry<String, List<Detached>>> removed = new ArrayList<>();
    Attempt now = first;
    for (Map.Entry<String, List<Element>> name : candidates(doc.getRootElement(), items).entrySet()) {
      removed.add(Map.entry(name.getKey(), detach(name.getValue())));
      now = attempt(doc);
      if (now.feed() != null) {
        break;
      }
    }
    if (now.feed() == null) {
      for (int i = removed.size() - 1; i >= 0; i--) {
        reattach(removed.get(i).getValue());
      }
      return new Refused(first.error());
    }
    // …then put back every name Rome reads after all, the last taken first.
    List<String> warnings = new ArrayList<>();
    for (int i = removed.size() - 1; i >= 0; i--) {
      String name = removed.get(i).getKey();
      List<Detached> group = removed.get(i).getValue();
      reattach(group);
      Attempt with = attempt(doc);
      if (with.feed() != null) {
        continue;
      }
      detachAgain(group);
      List<String> dropped = new ArrayList<>();
      for (Detached d : keepReadable(doc, group)) {
        dropped.add("dropped invalid optional element <" + name + ">"
            + shortValue(d.element()) + " (" + with.error() + ")");
      }
      warnings.addAll(0, dropped); // names were put back last first: keep document order
    }
    Attempt last = attempt(doc);
    return last.feed() != null ? new Built(last.feed(), warnings) : new Refused(first.error());
  }

  /** Rome's feed, or its complaint in one line. */
  private record Attempt(SyndFeed feed, String error) {}

  private static Attempt attempt(Document doc) {
    try {
      return new Attempt(new SyndFeedInput().build(doc), null);
    } catch (FeedException | RuntimeException e) {
      return new Attempt(null, XmlDocuments.oneLine(e.getMessage()));
    }
  }

  /** Puts back one by one the occurrences Rome can read; returns those that stay out. */
  private static List<Detached> keepReadable(Document doc, List<Detached> removed) {
    if (removed.size() == 1 || removed.size() > MAX_SINGLES) {
      return removed;
    }
    List<Detached> dropped = new ArrayList<>();
    for (Detached d : removed) {
      d.reattach();
      if (attempt(doc).feed() == null) {
        d.element().detach();
        dropped.add(d);
      }
    }
    return dropped;
  }

  private static void detachAgain(List<Detached> group) {
    for (Detached d : group) {
      d.element().detach();
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
      if (d.element().getParent() == null) {
        d.reattach();
      }
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
