package org.newswire.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.newswire.model.Source;

/**
 * Adds the feeds of an OPML file to sources.yml. New entries are appended as text so that the
 * admin's comments and layout survive; feeds already configured (same URL) are skipped, and
 * the file is only replaced when the result validates.
 */
public final class OpmlImport {
  private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
  private static final String[] LATIN = {"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y",
      "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",
      "y", "", "e", "yu", "ya"};

  private OpmlImport() {}

  /** What an import did. */
  public record Result(List<Source> added, List<String> skipped) {}

  /** A feed listed in an OPML outline. */
  record Outline(String url, Optional<String> title, Optional<String> category) {}

  /** The feeds of an OPML file, and one line for each outline that is none (what and why). */
  record Read(List<Outline> feeds, List<String> skipped) {}

  /**
   * Appends the OPML's feeds to {@code sourcesFile}.
   *
   * @throws IllegalArgumentException with a one-line reason when the OPML cannot be read or the
   *     result would not validate (then nothing is written)
   */
  public static Result importInto(Path opml, Path sourcesFile, ConfigLoader loader)
      throws IOException {
    Read read = read(Files.readAllBytes(opml), opml);
    List<Outline> outlines = read.feeds();
    // A blank file is where an import starts from; the loader rightly refuses it as a config.
    Loaded<List<Source>> current = Files.isRegularFile(sourcesFile)
        && Files.readString(sourcesFile, StandardCharsets.UTF_8).isBlank()
        ? new Loaded.Valid<>(List.of()) : loader.loadSources(sourcesFile);
    if (current instanceof Loaded.Invalid<List<Source>> bad) {
      throw new IllegalArgumentException("fix " + sourcesFile + " first: " + bad.errors().get(0));
    }
    List<Source> existing = ((Loaded.Valid<List<Source>>) current).value();
    Set<String> urls = new HashSet<>();
    Set<String> ids = new HashSet<>();
    existing.forEach(s -> {
      urls.add(s.url().toString());
      ids.add(s.id());
    });
    StringBuilder yaml = new StringBuilder();
    List<String> skipped = new ArrayList<>(read.skipped());
    int added = 0;
    for (Outline o : outlines) {
      if (!urls.add(o.url())) {
        skipped.add(o.url() + " (already configured)");
        continue;
      }
      String id = uniqueId(slug(o.title().orElse(URI.create(o.url()).getHost())), ids);
      yaml.append("  - id: ").append(id).append('\n');
      yaml.append("    url: ").append(quoted(o.url())).append('\n');
      o.title().ifPresent(t -> yaml.append("    title: ").append(quoted(t)).append('\n'));
      o.category().ifPresent(c -> yaml.append("    categories: [").append(quoted(c))
          .append("]\n"));
      added++;
    }
    if (added == 0) {
      return new Result(List.of(), skipped);
    }
    String before = Files.readString(sourcesFile, StandardCharsets.UTF_8);
    String after = before + (before.endsWith("\n") || before.isEmpty() ? "" : "\n")
        + (existing.isEmpty() && !before.contains("sources:") ? "sources:\n" : "")
        + "  # imported from " + opml.getFileName() + "\n" + yaml;
    Path tmp = sourcesFile.resolveSibling("." + sourcesFile.getFileName() + ".import");
    Files.writeString(tmp, after, StandardCharsets.UTF_8);
    Loaded<List<Source>> check = loader.loadSources(tmp);
    if (!(check instanceof Loaded.Valid<List<Source>> ok)
        || ok.value().size() != existing.size() + added) {
      Files.deleteIfExists(tmp);
      throw new IllegalArgumentException("appending to " + sourcesFile + " would not give a valid"
          + " sources list (is 'sources:' the last key?); nothing written");
    }
    Files.move(tmp, sourcesFile, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    List<Source> all = ok.value();
    return new Result(all.subList(existing.size(), all.size()), skipped);
  }

  static Read read(byte[] bytes, Path file) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // OPML needs no DTD: never resolve external entities (XXE).
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<Outline> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    // The open outlines: a category's title ("" for a feed), and whether it holds outlines.
    List<String> categories = new ArrayList<>();
    List<Map<String, String>> open = new ArrayList<>();
    List<Boolean> hasChildren = new ArrayList<>();
    try {
      XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(bytes));
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("outline")) {
          if (!hasChildren.isEmpty()) {
            hasChildren.set(hasChildren.size() - 1, true);
          }
          Map<String, String> a = new LinkedHashMap<>();
          for (int i = 0; i < r.getAttributeCount(); i++) {
            a.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
          String url = a.get("xmlUrl");
          Optional<String> title = title(a);
          if (url != null && isHttp(url.strip())) {
            out.add(new Outline(url.strip(), title,
                categories.stream().filter(c -> !c.isEmpty()).reduce((x, y) -> y)));
          } else if (url != null) {
            skipped.add(describe(url, title) + " (xmlUrl is not an http(s) URL)");
          }
          categories.add(url == null ? title.orElse("") : "");
          open.add(a);
          hasChildren.add(false);
        } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("outline")) {
          int last = open.size() - 1;
          Map<String, String> a = open.remove(last);
          if (!hasChildren.remove(last) && a.get("xmlUrl") == null) {
            // A leaf without a feed URL is no category either: say so rather than drop it.
            String type = a.getOrDefault("type", "");
            String page = a.getOrDefault("url", a.getOrDefault("htmlUrl", ""));
            skipped.add(describe(page, title(a)) + (type.equalsIgnoreCase("link")
                ? " (type=\"link\": a web page, not a feed; give its feed's URL as xmlUrl)"
                : " (no xmlUrl: not a feed)"));
          }
          categories.remove(last);
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException(file + ": not readable OPML: "
          + e.getMessage().lines().reduce((x, y) -> y).orElse("malformed XML"));
    }
    return new Read(out, skipped);
  }

  private static Optional<String> title(Map<String, String> a) {
    return Optional.ofNullable(a.getOrDefault("title", a.get("text")))
        .map(String::strip).filter(t -> !t.isEmpty());
  }

  /** An outline as a skipped line names it: its URL and title, whichever it has. */
  private static String describe(String url, Optional<String> title) {
    String u = url.strip().replaceAll("\\p{Cntrl}", "?");
    String t = title.map(x -> "\"" + x.replaceAll("\\p{Cntrl}", "?") + "\"").orElse("");
    return u.isEmpty() ? (t.isEmpty() ? "an outline without title or URL" : t)
        : t.isEmpty() ? u : u + " " + t;
  }

  private static boolean isHttp(String url) {
    try {
      URI u = new URI(url);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A source id from a title: Cyrillic transliterated, everything else reduced to a-z0-9-. */
  static String slug(String title) {
    StringBuilder b = new StringBuilder();
    for (char c : title.toLowerCase(Locale.ROOT).toCharArray()) {
      int cyr = CYRILLIC.indexOf(c);
      if (cyr >= 0) {
        b.append(LATIN[cyr]);
        continue;
      }
      // Latin with diacritics (é → e); decomposing Cyrillic would turn й into и.
      for (char d : Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).toCharArray()) {
        if (d >= 'a' && d <= 'z' || d >= '0' && d <= '9') {
          b.append(d);
        } else if (Character.getType(d) != Character.NON_SPACING_MARK) {
          b.append('-');
        }
      }
    }
    String s = b.toString().replaceAll("-+", "-").replaceAll("^-|-$", "");
    s = s.length() > 48 ? s.substring(0, 48).replaceAll("-$", "") : s;
    return s.isEmpty() ? "feed" : s;
  }

  private static String uniqueId(String base, Set<String> taken) {
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
