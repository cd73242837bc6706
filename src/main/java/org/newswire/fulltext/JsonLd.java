package org.newswire.fulltext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The schema.org Article a page describes in {@code <script type="application/ld+json">}:
 * headline, body, author, date, image. Publishers' JSON-LD is often sloppy (comments, raw
 * newlines in strings, trailing commas), so the reader is lenient; a block that still fails
 * is skipped.
 */
record JsonLd(
    Optional<String> headline,
    Optional<String> body,
    Optional<String> author,
    Optional<String> published,
    Optional<String> image) {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
          JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .build();
  private static final Set<String> ARTICLE_TYPES = Set.of(
      "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
      "socialmediaposting", "report", "scholarlyarticle", "techarticle", "opinionnewsarticle",
      "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "webpage", "creativework");

  static JsonLd empty() {
    return new JsonLd(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** The most article-like object of the page's JSON-LD blocks. */
  static JsonLd of(List<Element> scripts) {
    List<JsonNode> objects = new ArrayList<>();
    for (Element s : scripts) {
      try {
        collect(JSON.readTree(s.data()), objects);
      } catch (JsonProcessingException e) {
        // Broken JSON-LD is common and carries nothing we can use; the page's HTML remains.
      }
    }
    JsonNode best = null;
    int bestRank = 0;
    for (JsonNode o : objects) {
      int rank = rank(o);
      if (rank > bestRank) {
        best = o;
        bestRank = rank;
      }
    }
    return best == null ? empty() : from(best);
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n == null) {
      return;
    }
    if (n.isArray()) {
      n.forEach(c -> collect(c, out));
    } else if (n.isObject()) {
      out.add(n);
      collect(n.get("@graph"), out);
      collect(n.get("mainEntity"), out);
    }
  }

  /** Objects with a body beat typed articles, which beat generic pages. */
  private static int rank(JsonNode o) {
    int r = 0;
    for (String t : types(o)) {
      if (ARTICLE_TYPES.contains(t)) {
        r = Math.max(r, t.equals("webpage") || t.equals("creativework") ? 1 : 2);
      }
    }
    if (r > 0 && o.hasNonNull("articleBody")) {
      r += 2;
    }
    return r;
  }

  private static List<String> types(JsonNode o) {
    List<String> out = new ArrayList<>();
    JsonNode t = o.get("@type");
    if (t != null && t.isArray()) {
      t.forEach(x -> out.add(x.asText().toLowerCase(java.util.Locale.ROOT)));
    } else if (t != null) {
      out.add(t.asText().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static JsonLd from(JsonNode o) {
    return new JsonLd(text(o.get("headline")).or(() -> text(o.get("name"))),
        text(o.get("articleBody")).or(() -> text(o.get("text"))),
        name(o.get("author")), text(o.get("datePublished")), url(o.get("image")));
  }

  private static Optional<String> text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return Optional.empty();
    }
    String s = n.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static Optional<String> name(JsonNode n) {
    if (n == null) {
      return Optional.empty();
    }
    if (n.isArray()) {
      List<String> names = new ArrayList<>();
      n.forEach(a -> name(a).ifPresent(names::add));
      return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }
    return n.isObject() ? text(n.get("name")) : text(n);
  }

  private static Optional<String> url(JsonNode n) {
    if (n == null) {
      return Optional.empty();
    }
    if (n.isArray()) {
      return n.isEmpty() ? Optional.empty() : url(n.get(0));
    }
    return n.isObject() ? text(n.get("url")).or(() -> text(n.get("contentUrl"))) : text(n);
  }
}
