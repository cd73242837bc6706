package org.newswire.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newswire.charset.CharsetDetector;
import org.newswire.fulltext.Article;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.fulltext.Extraction;
import org.newswire.ingest.ItemFinisher;
import org.newswire.model.ExtractRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newswire extract}: shows what full-text extraction takes from pages, to tune sources. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts the article from saved pages or URLs and prints it as JSON.",
      "Fields: file, url (the page's canonical link, else its address), title, author,"
          + " published, lead_image (og:image, else the article's first image), content_html,"
          + " content_text, method (feed, selector, jsonld or heuristic: the one actually used),"
          + " warnings, error.",
      "Exits 1 when any input fails."
    })
final class ExtractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--jsonl", description = "One JSON object per line (for many inputs).")
  boolean jsonl;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The page's address, for relative links (default: a URL input's address"
          + " after redirects, a file's URI).")
  String baseUrl;

  @Option(names = "--content", paramLabel = "SELECTOR",
      description = "CSS selector of the article body (as extract.content in sources.yml).")
  String content;

  @Option(names = "--remove", paramLabel = "SELECTOR",
      description = "CSS selector of elements to drop first (as extract.remove); repeatable.")
  List<String> remove = List.of();

  @Option(names = "--allow-private-networks",
      description = "Let URL inputs reach loopback and private addresses (refused by default).")
  boolean allowPrivate;

  @Parameters(paramLabel = "FILE|URL", arity = "1..*", description = "Saved pages or URLs.")
  List<String> inputs;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    JsonMapper json = JsonMapper.builder()
        .configure(JsonWriteFeature.ESCAPE_NON_ASCII, !canPrintCyrillic())
        .build();
    ArticleExtractor extractor = new ArticleExtractor(Clock.systemUTC());
    ExtractRules rules = new ExtractRules(Optional.ofNullable(content), remove);
    int failures = 0;
    try (UrlInputs urls = new UrlInputs(allowPrivate)) {
      for (String input : inputs) {
        ObjectNode rec = extract(json, extractor, rules, input, urls);
        if (!rec.get("error").isNull()) {
          failures++;
        }
        out.println(jsonl ? json.writeValueAsString(rec)
            : json.writerWithDefaultPrettyPrinter().writeValueAsString(rec));
      }
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private ObjectNode extract(JsonMapper json, ArticleExtractor extractor, ExtractRules rules,
      String input, UrlInputs urls) {
    boolean isUrl = UrlInputs.isUrl(input);
    ObjectNode rec = json.createObjectNode();
    rec.put("file", isUrl ? null : input);
    rec.put("url", isUrl ? input : baseUrl);
    for (String f : List.of("title", "author", "published", "lead_image", "content_html",
        "content_text", "method")) {
      rec.putNull(f);
    }
    ArrayNode warnings = rec.putArray("warnings");
    rec.putNull("error");
    byte[] bytes;
    Optional<String> contentType = Optional.empty();
    String url;
    if (isUrl) {
      UrlInputs.Fetched f = urls.fetch(input, true);
      if (f.error().isPresent()) {
        return rec.put("error", f.error().get());
      }
      bytes = f.body();
      contentType = f.contentType();
      url = baseUrl != null ? baseUrl : f.finalUrl().toString();
    } else {
      try {
        bytes = Files.readAllBytes(Path.of(input));
      } catch (IOException e) {
        return rec.put("error", "cannot read " + input + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
      url = baseUrl != null ? baseUrl : Path.of(input).toAbsolutePath().toUri().toString();
    }
    Extraction result = extractor.extract(bytes, contentType, url, rules);
    if (result instanceof Extraction.Failed f) {
      return rec.put("error", input + ": " + f.reason());
    }
    Article a = ((Extraction.Extracted) result).article();
    a.canonicalUrl().ifPresent(canonical -> rec.put("url", canonical));
    rec.put("title", a.title().orElse(null));
    rec.put("author", a.author().orElse(null));
    rec.put("published", a.published().map(Object::toString).orElse(null));
    rec.put("lead_image", a.leadImage().orElse(null));
    // Sanitized as the daemon stores it: by ingest's finishing step.
    rec.put("content_html", ItemFinisher.finishArticle(a, java.time.ZoneOffset.UTC).html()
        .orElse(""));
    rec.put("content_text", a.contentText());
    rec.put("method", a.method().label());
    if (content != null && a.method() != Article.Method.SELECTOR) {
      warnings.add("--content \"" + content + "\" matched nothing; used the "
          + (a.method() == Article.Method.JSONLD ? "page's JSON-LD articleBody" : "heuristic"));
    }
    return rec;
  }

  /** picocli writes with the platform charset; under a C locale Cyrillic must be escaped. */
  private static boolean canPrintCyrillic() {
    Charset cs = Optional.ofNullable(System.getProperty("sun.stdout.encoding"))
        .flatMap(CharsetDetector::byName)
        .orElse(Charset.defaultCharset());
    return cs.newEncoder().canEncode("Жё");
  }
}
