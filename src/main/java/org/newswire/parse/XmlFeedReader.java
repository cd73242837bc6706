package org.newswire.parse;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndImage;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdom2.Document;
import org.jdom2.Element;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.FeedInfo;
import org.newswire.model.ParsedFeed;

/** RSS 0.90–2.0, RDF and Atom via Rome, with dates, bases and extensions read by us. */
final class XmlFeedReader {
  private XmlFeedReader() {}

  static ParseResult read(String text, Charset charset, ParseContext ctx) {
    return skim(text, charset, ctx, Optional.empty(), false).result();
  }

  /**
   * Reads the document, leaving out the entries {@code known} holds when the text around them
   * is what it was ({@link EntrySpans}); whatever cannot be left out safely is read whole.
   *
   * @param spans whether to find the entries' spans at all (their hashes are in the result)
   */
  static Skim skim(String text, Charset charset, ParseContext ctx, Optional<Skim.Known> known,
      boolean spans) {
    String xml;
    try {
      xml = XmlRepair.repair(text);
    } catch (XmlRepair.EntityDeclarationException e) {
      return Skim.whole(new ParseResult.Unreadable(e.getMessage()));
    }
    Optional<EntrySpans.Found> found = spans ? EntrySpans.find(xml) : Optional.empty();
    if (found.isPresent() && known.isPresent() && known.get().shell() == found.get().shell()) {
      Optional<Skim> skimmed = skipping(xml, found.get(), known.get(), charset, ctx);
      if (skimmed.isPresent()) {
        return skimmed.get();
      }
    }
    return whole(xml, found, charset, ctx);
  }

  /**
   * Reads the document whole, its entries' spans found in its bytes ({@code inBytes}, {@link
   * EntrySpans#inBytes}) rather than in its text: the text must be those bytes decoded exactly.
   */
  static Skim skim(String text, Charset charset, ParseContext ctx, EntrySpans.Found inBytes) {
    String xml;
    try {
      xml = XmlRepair.repair(text);
    } catch (XmlRepair.EntityDeclarationException e) {
      return Skim.whole(new ParseResult.Unreadable(e.getMessage()));
    }
    return whole(xml, Optional.of(inBytes), charset, ctx);
  }

  /**
   * Reads what is left of a document once entries were cut out of its bytes: the result when
   * it reads as written with exactly {@code entries} entries, one per span left, else empty.
   */
  static Optional<ParseResult> kept(String text, Charset charset, ParseContext ctx,
      int entries) {
    try {
      return asWritten(XmlRepair.repair(text), charset, ctx, entries);
    } catch (XmlRepair.EntityDeclarationException e) {
      return Optional.empty();
    }
  }

  /** The repaired document read as written, when it has one entry per span of {@code entries}. */
  private static Optional<ParseResult> asWritten(String xml, Charset charset, ParseContext ctx,
      int entries) {
    Optional<Document> doc = XmlDocuments.asWritten(xml);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    Reading reading = fromDocument(doc.get(), charset, ctx);
    return reading.oneEntryPerSpan(entries) ? Optional.of(reading.result()) : Optional.empty();
  }

  private static Skim whole(String xml, Optional<EntrySpans.Found> found, Charset charset,
      ParseContext ctx) {
    XmlDocuments.Outcome outcome = XmlDocuments.read(xml);
    if (outcome instanceof XmlDocuments.Broken broken) {
      return Skim.whole(new ParseResult.Unreadable(broken.reason()));
    }
    XmlDocuments.Read read = (XmlDocuments.Read) outcome;
    Reading reading = fromDocument(read.doc(), charset, ctx);
    if (found.isPresent() && read.asWritten() && reading.oneEntryPerSpan(found.get().size())) {
      return new Skim(reading.result(), found.get().shell(), boxed(found.get().hashes()),
          List.of());
    }
    return Skim.whole(reading.result());
  }

  /**
   * The document without the entries {@code known} holds, read as written; empty when none is
   * held or the rest does not read cleanly (one entry per span left, nothing dropped).
   */
  private static Optional<Skim> skipping(String xml, EntrySpans.Found found, Skim.Known known,
      Charset charset, ParseContext ctx) {
    return found.held(known).flatMap(held ->
        asWritten(found.without(xml, held.skip()), charset, ctx, held.kept().size())
            .map(result -> new Skim(result, found.shell(), held.kept(), held.skipped())));
  }

  private static List<Long> boxed(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }

  /** @param aligned Rome made one entry of every item element, in order */
  private record Reading(ParseResult result, boolean aligned) {
    /** Read as written, an entry per span: what a span's hash may stand for. */
    boolean oneEntryPerSpan(int spans) {
      return aligned && result instanceof ParseResult.Parsed p
          && p.feed().entries().size() == spans && p.feed().warnings().isEmpty();
    }
  }

  private static Reading fromDocument(Document doc, Charset charset, ParseContext ctx) {
    XmlElements.normalise(doc);
    Element root = doc.getRootElement();
    URI docUrl = ctx.baseUrl().orElse(null);
    Element channel = XmlElements.channel(root);
    XmlElements.RawDates feedDates = XmlElements.takeDates(channel);
    List<Element> items = XmlElements.items(root);
    List<XmlElements.RawDates> itemDates = new ArrayList<>(items.size());
    for (Element item : items) {
      itemDates.add(XmlElements.takeDates(item));
    }
    TolerantBuild.Outcome built = TolerantBuild.build(doc, items);
    if (built instanceof TolerantBuild.Refused refused) {
      return new Reading(new ParseResult.Unreadable("not a feed: " + refused.reason()), false);
    }
    SyndFeed feed = ((TolerantBuild.Built) built).feed();
    boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
    URI feedBase = XmlElements.base(channel, docUrl);
    List<SyndEntry> syndEntries = feed.getEntries();
    boolean aligned = syndEntries.size() == items.size();
    List<Entry> entries = new ArrayList<>(syndEntries.size());
    for (int i = 0; i < syndEntries.size(); i++) {
      Element item = aligned ? items.get(i) : null;
      URI base = item == null ? feedBase : XmlElements.base(item, docUrl);
      // HTML is resolved here only under an xml:base; against the document URL the cleaner
      // does it while it parses the HTML anyway (a regex pass per item saved).
      URI htmlBase = java.util.Objects.equals(base, docUrl) ? null : base;
      Entry.Builder b = RomeMapper.entry(syndEntries.get(i), atom, base, htmlBase);
      if (item != null) {
        XmlElements.RawDates d = itemDates.get(i);
        b.published(date(d.published(), ctx)).updated(date(d.updated(), ctx));
        extras(item, b, base, htmlBase, docUrl, atom);
      }
      entries.add(b.build());
    }
    return new Reading(new ParseResult.Parsed(new ParsedFeed(charset.name(), feed.getFeedType(),
        feedInfo(feed, channel, feedDates, feedBase, ctx), entries,
        ((TolerantBuild.Built) built).warnings())), aligned);
  }

  /** What Rome leaves out of an entry: yandex:full-text, Media RSS, Atom content xml:base. */
  private static void extras(Element item, Entry.Builder b, URI base, URI htmlBase,
      URI docUrl, boolean atom) {
    Entry rome = b.build();
    if (rome.title().isEmpty()) {
      b.title(Fallbacks.firstHtml(item, atom, "title"));
    }
    if (rome.link().isEmpty()) {
      b.link(Links.resolve(base, Fallbacks.linkText(item)));
    }
    if (rome.summaryHtml().isEmpty()) {
      b.summaryHtml(Links.resolveHtml(
          Fallbacks.firstHtml(item, atom, "description", "summary", "abstract"), htmlBase));
    }
    if (rome.contentHtml().isEmpty()) {
      b.contentHtml(Links.resolveHtml(
          Fallbacks.firstHtml(item, atom, "encoded", "body", "fullitem", "content"), htmlBase));
    }
    List<org.newswire.model.Person> authors = Fallbacks.authors(item, false);
    if (!authors.isEmpty()) {
      b.authors(authors.stream().map(p -> new org.newswire.model.Person(p.name(), p.email(),
          p.uri().map(u -> Links.resolve(base, u)))).toList());
      b.author(RomeMapper.display(authors.get(0)));
    }
    if (rome.categories().isEmpty()) {
      b.categories(Fallbacks.subjects(item));
    }
    String fullText = XmlElements.text(item, "full-text", "yandex");
    if (fullText != null) {
      b.contentHtml(Links.resolveHtml(fullText, htmlBase));
    }
    if (!atom) {
      // Rome invents an id from the link when an RSS item has no guid; the identity rules
      // downstream must see that there is none.
      String guid = XmlElements.text(item, "guid", "");
      if (guid == null) {
        guid = XmlElements.text(item, "identifier", "purl.org/dc");
      }
      if (guid == null) {
        guid = item.getAttributeValue("about", org.jdom2.Namespace.getNamespace(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#"));
      }
      b.id(guid);
    }
    if (atom) {
      Element content = XmlElements.child(item, "content", "");
      if (content != null && content.getAttribute("base", org.jdom2.Namespace.XML_NAMESPACE) != null) {
        URI cb = XmlElements.base(content, docUrl);
        Entry e = b.build();
        e.contentHtml().ifPresent(h -> b.contentHtml(Links.resolveHtml(h, cb)));
      }
    }
    String image = null;
    for (Element c : item.getChildren()) {
      if (!c.getNamespaceURI().startsWith("http://search.yahoo.com/mrss")) {
        continue;
      }
      List<Element> media = c.getName().equals("group") ? c.getChildren() : List.of(c);
      for (Element m : media) {
        String url = m.getAttributeValue("url");
        if (url == null || url.isBlank()) {
          continue;
        }
        url = Links.resolve(base, url);
        if (m.getName().equals("thumbnail")) {
          image = image == null ? url : image;
        } else if (m.getName().equals("content")) {
          String type = m.getAttributeValue("type");
          String medium = m.getAttributeValue("medium");
          if (image == null && ("image".equals(medium) || type != null && type.startsWith("image/"))) {
            image = url;
          }
          b.addEnclosure(new Enclosure(url, Optional.ofNullable(type).filter(s -> !s.isBlank()),
              length(m.getAttributeValue("fileSize"))));
        }
      }
    }
    b.imageUrl(image);
  }

  private static OptionalLong length(String s) {
    try {
      long n = s == null ? -1 : Long.parseLong(s.strip());
      return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Web feeds began in the late 1990s: an earlier date is a placeholder (0001-01-01, the Unix
   * epoch, a CMS default), as impossible as 31 February, and the item gets no date (stored with
   * the time it was first seen) instead of sinking to the bottom of every feed.
   */
  static final Instant EARLIEST_DATE = Instant.parse("1995-01-01T00:00:00Z");

  static Instant date(String raw, ParseContext ctx) {
    return Dates.parse(raw, ctx.defaultZone())
        .filter(d -> !d.isBefore(EARLIEST_DATE))
        .map(d -> Dates.clamp(d, ctx.fetchedAt())).orElse(null);
  }

  private static FeedInfo feedInfo(SyndFeed f, Element channel, XmlElements.RawDates dates,
      URI base, ParseContext ctx) {
    RomeMapper.FeedPersons persons = RomeMapper.feedPersons(f);
    String subtitle = f.getDescriptionEx() != null
        ? RomeMapper.asHtml(f.getDescriptionEx(), f.getFeedType().startsWith("atom"))
        : f.getDescription();
    String image = null;
    SyndImage img = f.getImage() != null ? f.getImage() : f.getIcon();
    if (img != null && img.getUrl() != null) {
      image = Links.resolve(base, img.getUrl());
    }
    String generator = f.getGenerator();
    if (generator == null) {
      generator = XmlElements.text(channel, "generator", "");
    }
    Duration ttl = null;
    String ttlText = XmlElements.text(channel, "ttl", "");
    if (ttlText != null && ttlText.matches("\\d{1,6}")) {
      ttl = Duration.ofMinutes(Long.parseLong(ttlText));
    }
    String title = f.getTitleEx() != null
        ? RomeMapper.titleHtml(f.getTitleEx(), f.getTitle(), f.getFeedType().startsWith("atom"))
        : f.getTitle();
    boolean atom = f.getFeedType().startsWith("atom");
    if (title == null || title.isBlank()) {
      title = Fallbacks.firstHtml(channel, atom, "title");
    }
    if (subtitle == null || subtitle.isBlank()) {
      subtitle = Fallbacks.firstHtml(channel, atom, "subtitle", "tagline", "description");
    }
    String rights = f.getCopyright();
    if (rights == null || rights.isBlank()) {
      rights = Fallbacks.firstHtml(channel, atom, "rights", "copyright");
    }
    String language = f.getLanguage();
    if (language == null || language.isBlank()) {
      language = XmlElements.text(channel, "language", "");
    }
    if (language == null) {
      language = xmlLang(channel);
    }
    String author = persons.author();
    List<org.newswire.model.Person> authors = Fallbacks.authors(channel, true);
    if (!authors.isEmpty()) {
      authors = authors.stream().map(p -> new org.newswire.model.Person(p.name(), p.email(),
          p.uri().map(u -> Links.resolve(base, u)))).toList();
      author = RomeMapper.display(authors.get(0));
    } else {
      authors = persons.authors();
    }
    // Rome 2.1 prefers rel="self" for an Atom feed's link; the site is rel="alternate" (RFC 4287
    // §4.2.7.2), and a link without rel is an alternate one.
    String link = atom ? XmlElements.atomLink(channel, "alternate") : f.getLink();
    if (link == null || link.isBlank()) {
      link = Fallbacks.linkText(channel);
    }
    String self = XmlElements.atomLink(channel, "self");
    return new FeedInfo(opt(title), opt(Links.resolve(base, link)), opt(f.getUri()),
        opt(subtitle), opt(rights), opt(language),
        Optional.ofNullable(date(dates.updated(), ctx)),
        Optional.ofNullable(date(dates.published(), ctx)), opt(author),
        authors, opt(generator), opt(image), RomeMapper.categories(f.getCategories()),
        Optional.ofNullable(ttl), opt(Links.resolve(base, self)));
  }

  private static String xmlLang(Element channel) {
    for (Element e = channel; e != null; e = e.getParentElement()) {
      String lang = e.getAttributeValue("lang", org.jdom2.Namespace.XML_NAMESPACE);
      if (lang != null && !lang.isBlank()) {
        return lang;
      }
    }
    return null;
  }

  static Optional<String> opt(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }
}
