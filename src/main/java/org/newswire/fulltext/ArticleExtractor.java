package org.newswire.fulltext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;
import org.newswire.clean.Urls;
import org.newswire.fulltext.Article.Method;
import org.newswire.model.Entry;
import org.newswire.model.ExtractRules;

/**
 * Takes the article out of an agency's page: the source's own selector when it has one, else
 * main-content detection (see {@link ContentFinder}), with the page's JSON-LD
 * {@code articleBody} as a witness and fallback. Pure and thread-safe; one instance serves all
 * sources. The clock only supplies "today" for datelines that give no year.
 */
public final class ArticleExtractor {
  // Parsed once: select(String) parses its CSS query on every call.
  private static final Evaluator IMAGE = Selector.evaluatorOf("img[src]");
  private static final Evaluator BODY_MARK = Selector.evaluatorOf(ContentFinder.BODY_MARK);
  private static final Evaluator ARTICLE = Selector.evaluatorOf("article");
  private static final Evaluator FIGURE = Selector.evaluatorOf("figure, picture");
  /** Pages above this are not articles (or are hostile); the fetcher limits downloads too. */
  static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;
  /** Less visible text than this is no article. */
  static final int MIN_ARTICLE = 80;
  /** A first pass yielding less than this is retried with the furniture filter off. */
  private static final int RETRY_BELOW = 250;

  private final Clock clock;

  public ArticleExtractor(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Whether the feed entry already carries the whole article (long enough and not a teaser
   * ending in "…", "Читать далее", "Read more"), so the page need not be fetched.
   */
  public static boolean feedHasFullText(Entry entry) {
    return Teasers.fullText(entry).isPresent();
  }

  /** The article as the feed entry carries it, when {@link #feedHasFullText} holds. */
  public Optional<Article> fromFeed(Entry entry) {
    return Teasers.fullText(entry).map(text -> {
      // The entry is cleaned: its HTML is safe already.
      String html = entry.contentHtml().orElseGet(() -> Paragraphs.toHtml(text));
      return new Article(entry.title(), entry.author(), entry.published(), entry.imageUrl(),
          html, text, Method.FEED, Datelines.find(text, today(entry.published())),
          Optional.empty(), entry.link().orElse(""));
    });
  }

  /** {@link #extract(byte[], Optional, String, ExtractRules, Optional)} without a feed entry. */
  public Extraction extract(byte[] page, Optional<String> contentType, String url,
      ExtractRules rules) {
    return extract(page, contentType, url, rules, Optional.empty());
  }

  /**
   * Extracts the article from a page's bytes. When {@code feedEntry} already carries the full
   * text, that wins (method {@code feed}) and the page is not parsed.
   *
   * @param contentType the HTTP Content-Type, for its charset
   * @param url the page's address, for relative links
   */
  public Extraction extract(byte[] page, Optional<String> contentType, String url,
      ExtractRules rules, Optional<Entry> feedEntry) {
    Optional<Article> fromFeed = feedEntry.flatMap(this::fromFeed);
    if (fromFeed.isPresent()) {
      return new Extraction.Extracted(fromFeed.get());
    }
    if (page.length == 0) {
      return new Extraction.Failed("empty page");
    }
    if (page.length > MAX_PAGE_BYTES) {
      return new Extraction.Failed("page too large: " + page.length + " bytes");
    }
    String html = PageDecoder.decode(page, contentType).text();
    try {
      return extract(html, url, rules);
    } catch (Selector.SelectorParseException e) {
      return new Extraction.Failed("invalid extract selector: " + e.getMessage());
    }
  }

  /**
   * What is wrong with a CSS selector of {@code extract.content}/{@code extract.remove}, in
   * Jsoup's words, or empty when it parses: for checking the config before any page is fetched.
   */
  public static Optional<String> selectorProblem(String selector) {
    try {
      org.jsoup.select.QueryParser.parse(selector);
      return Optional.empty();
    } catch (Selector.SelectorParseException | IllegalArgumentException e) { // or empty
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private Extraction extract(String html, String url, ExtractRules rules) {
    Document doc = Jsoup.parse(html, url);
    PageMetadata meta = PageMetadata.of(doc);
    JsonLd ld = meta.jsonLd();
    Headline headline = Headline.of(doc.title(), meta.title().orElse(""));
    for (String sel : rules.remove()) {
      doc.select(sel).remove();
    }
    Optional<Element> content = Optional.empty();
    Method method = Method.HEURISTIC;
    if (rules.content().isPresent()) {
      content = bySelector(doc, rules.content().get());
      method = Method.SELECTOR;
    }
    int visible = visible(content);
    Document source = doc;
    if (content.isEmpty()) {
      method = Method.HEURISTIC;
      content = heuristic(doc, true, headline);
      visible = visible(content);
      if (visible < RETRY_BELOW) {
        Document again = Jsoup.parse(html, url);
        for (String sel : rules.remove()) {
          again.select(sel).remove();
        }
        Optional<Element> lenient = heuristic(again, false, headline);
        int lenientVisible = visible(lenient);
        if (lenientVisible > visible) {
          content = lenient;
          visible = lenientVisible;
          source = again;
        }
      }
      Optional<Element> fromLd = JsonLdBody.choose(ld, content);
      if (fromLd.isPresent()) {
        content = fromLd;
        visible = visible(content);
        method = Method.JSONLD;
      }
    }
    if (visible < (method == Method.SELECTOR ? 1 : MIN_ARTICLE)) {
      return new Extraction.Failed("no article text found on the page");
    }
    return new Extraction.Extracted(article(doc, source, meta, content.get(), method));
  }

  private static Optional<Element> bySelector(Document doc, String selector) {
    var found = doc.select(selector);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Element out = new Element("div");
    for (Element e : found) {
      out.appendChild(e.clone());
    }
    Boilerplate.prune(out);
    Boilerplate.removeFurnitureText(out);
    if (visible(Optional.of(out)) == 0) {
      return Optional.empty();
    }
    found.first().before(new Element(ContentFinder.BODY_MARK));
    return Optional.of(out);
  }

  private static Optional<Element> heuristic(Document doc, boolean stripUnlikely,
      Headline headline) {
    if (doc.body() == null) {
      return Optional.empty();
    }
    TextStats stats = Boilerplate.pruneAndMeasure(doc.body());
    if (stripUnlikely) {
      Boilerplate.pruneUnlikely(doc.body(), stats);
    }
    Optional<Element> found = ContentFinder.find(doc, stats, headline);
    found.ifPresent(Boilerplate::clean);
    return found;
  }

  /** @param source the parse of the page the body was taken out of */
  private Article article(Document doc, Document source, PageMetadata meta, Element content,
      Method method) {
    String baseUri = doc.baseUri();
    LazyImages.resolve(content);
    String text = TextRenderer.render(content);
    // Sanitized once, by ingest's finishing step, with the rest of the item.
    String html = content.html();
    Optional<String> image = meta.image().or(() -> firstImage(content, baseUri))
        .or(() -> leadFigure(source, baseUri));
    return new Article(meta.title(), meta.author(), meta.published(), image, html, text, method,
        Datelines.find(text, today(meta.published())), meta.canonical(),
        baseUri.isEmpty() ? doc.location() : baseUri);
  }

  private static Optional<String> firstImage(Element content, String baseUri) {
    Element img = content.selectFirst(IMAGE);
    return img == null ? Optional.empty() : absoluteSrc(img, baseUri);
  }

  /**
   * The article's opening photo, which often sits in a {@code <figure>} just above the body text,
   * outside the container that scored best: the first image of a {@code <figure>} or
   * {@code <picture>} before the body in the same {@code <article>} (else the body's parent).
   */
  private static Optional<String> leadFigure(Document source, String baseUri) {
    Element mark = source.selectFirst(BODY_MARK);
    if (mark == null) {
      return Optional.empty();
    }
    Element article = mark.closest(ARTICLE);
    Element scope = article != null ? article : mark.parent();
    for (Element e : scope.getAllElements()) {
      if (e == mark) {
        break;
      }
      if (e.nameIs("img") && e.closest(FIGURE) != null) {
        LazyImages.resolve(e.parent());
        Optional<String> src = absoluteSrc(e, baseUri);
        if (src.isPresent()) {
          return src;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> absoluteSrc(Element img, String baseUri) {
    return Urls.resolve(baseUri, img.attr("src"));
  }

  private LocalDate today(Optional<java.time.Instant> published) {
    return published.orElseGet(clock::instant).atZone(ZoneOffset.UTC).toLocalDate();
  }

  static int visible(Optional<Element> e) {
    return e.map(x -> TextStats.measure(x)[0]).orElse(0);
  }

  /** Plain text of an HTML fragment, one paragraph per line. */
  static String htmlToText(String html) {
    return TextRenderer.render(Jsoup.parseBodyFragment(html).body());
  }
}
