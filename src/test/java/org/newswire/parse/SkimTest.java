package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.newswire.model.Entry;
import org.newswire.model.ParsedFeed;

/**
 * A read that leaves remembered entries out ({@link FeedParser#skim}) gives exactly the entries
 * the whole read gives for the rest, and leaves nothing out it cannot stand for.
 */
class SkimTest {
  private static final FeedParser PARSER = new FeedParser();
  private static final Charset CP1251 = Charset.forName("windows-1251");

  /** An RSS feed of agency items with what trips a naive scanner: CDATA, comments, quotes. */
  static String agencyRss(String buildDate, String generated, String... titles) {
    StringBuilder b = new StringBuilder("""
        <?xml version="1.0" encoding="windows-1251"?>
        <!-- feed generated in %s -->
        <rss version="2.0" xmlns:yandex="http://news.yandex.ru" xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
          <title>Кабар — новости Кыргызстана</title>
          <link>https://kabar.kg/</link>
          <lastBuildDate>%s</lastBuildDate>
          <atom:link xmlns:atom="http://www.w3.org/2005/Atom" href="https://kabar.kg/rss/" rel="self" type="application/rss+xml"/>
        """.formatted(generated, buildDate));
    int n = 0;
    for (String title : titles) {
      n++;
      b.append("""
            <item>
              <title>%s</title>
              <link>https://kabar.kg/news/%d/?utm_source=rss</link>
              <guid isPermaLink="false">kabar-%d</guid>
              <pubDate>Sat, 03 Jul 2021 %02d:15:00 +0600</pubDate>
              <!-- <item> in a comment is no item -->
              <description><![CDATA[<p title="a > b">Бишкек, 3 июля /Кабар/. %s</p></item><p>Ещё</p>]]></description>
              <media:content url="https://kabar.kg/img/%d.jpg?a=1&amp;b=2" type="image/jpeg" medium="image"/>
              <yandex:full-text>Полный текст: министр заявил, что «переговоры идут».</yandex:full-text>
            </item>
          """.formatted(title, n, n, 10 + n % 10, title, n));
    }
    return b.append("</channel>\n</rss>\n").toString();
  }

  static String atom(String base, String updated, String... titles) {
    StringBuilder b = new StringBuilder("""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="%s" xml:lang="ru">
          <title>АзерТадж</title>
          <id>urn:azertag</id>
          <link rel="alternate" href="/"/>
          <updated>%s</updated>
        """.formatted(base, updated));
    int n = 0;
    for (String title : titles) {
      n++;
      b.append("""
            <entry>
              <title type="html">%s &lt;b&gt;!&lt;/b&gt;</title>
              <link rel="alternate" href="news/%d"/>
              <id>urn:azertag:%d</id>
              <updated>2021-07-03T0%d:15:00+03:00</updated>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Баку. %s</p><a href="rel/%d">ещё</a></div></content>
            </entry>
          """.formatted(title, n, n, n % 10, title, n));
    }
    return b.append("</feed>\n").toString();
  }

  static Stream<byte[]> documents() {
    return Stream.of(
        agencyRss("Sat, 03 Jul 2021 10:20:00 +0600", "0.012 s", "Министр встретился с послом",
            "Погода: жара до +38", "Курс сома", "Новый закон о «СМИ»").getBytes(CP1251),
        atom("https://azertag.example.az/", "2021-07-03T10:00:00Z", "Саммит", "Визит",
            "Переговоры").getBytes(StandardCharsets.UTF_8),
        Fixtures.bytes("rss20.xml"), Fixtures.bytes("atom10.xml"),
        Fixtures.bytes("agency-cp1251-prolog.xml"), Fixtures.bytes("agency-cp1251-undeclared.xml"),
        Fixtures.bytes("agency-koi8r-undeclared.xml"), Fixtures.bytes("agency-utf8-undeclared.xml"),
        Fixtures.bytes("rss092.xml"), Fixtures.bytes("rss091-netscape.xml"));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void leavingEntriesOutReadsTheRestAsTheWholeReadDoes(byte[] body) {
    ParseContext ctx = Fixtures.ctx(null, "https://news.example/feed/");
    ParsedFeed whole = Fixtures.parsed(body, ctx);
    Skim first = PARSER.skim(body, ctx, Optional.empty());
    assertThat(first.result()).isEqualTo(new ParseResult.Parsed(whole));
    assertThat(first.shell()).isNotZero();
    assertThat(first.spans()).hasSameSizeAs(whole.entries()).doesNotHaveDuplicates();
    assertThat(first.skipped()).isEmpty();
    for (int start = 0; start < 2; start++) {
      Set<Long> held = new HashSet<>();
      List<Long> expectSkipped = new ArrayList<>();
      List<Entry> expectRead = new ArrayList<>();
      for (int i = 0; i < whole.entries().size(); i++) {
        if (i % 2 == start) {
          held.add(first.spans().get(i));
          expectSkipped.add(first.spans().get(i));
        } else {
          expectRead.add(whole.entries().get(i));
        }
      }
      Skim skim = PARSER.skim(body, ctx, Optional.of(new Skim.Known(first.shell(),
          held::contains)));
      assertThat(skim.skipped()).isEqualTo(expectSkipped);
      ParsedFeed read = ((ParseResult.Parsed) skim.result()).feed();
      assertThat(read.entries()).isEqualTo(expectRead);
      assertThat(read.feed()).isEqualTo(whole.feed());
      assertThat(skim.spans()).isEqualTo(first.spans().stream()
          .filter(h -> !held.contains(h)).toList());
    }
  }

  @Test
  void whatChangesWithEveryUpdateLeavesTheShellAsItWas() {
    long before = shell(agencyRss("Sat, 03 Jul 2021 10:20:00 +0600", "0.012 s", "А", "Б"));
    // A new build date and generation comment, another entry: the shell is the same.
    assertThat(shell(agencyRss("Sat, 03 Jul 2021 11:40:00 +0600", "0.981 s", "А", "Б", "В")))
        .isEqualTo(before);
    long atom = shell(atom("https://azertag.example.az/", "2021-07-03T10:00:00Z", "А"));
    assertThat(shell(atom("https://azertag.example.az/", "2021-07-03T12:30:00Z", "А", "Б")))
        .isEqualTo(atom);
    // What entries are read against is the shell: another xml:base is another shell.
    assertThat(shell(atom("https://mirror.example.az/", "2021-07-03T10:00:00Z", "А")))
        .isNotEqualTo(atom);
  }

  @Test
  void aRememberedEntryIsNotLeftOutOfAnotherShell() {
    byte[] before = atom("https://azertag.example.az/", "2021-07-03T10:00:00Z", "А", "Б")
        .getBytes(StandardCharsets.UTF_8);
    ParseContext ctx = Fixtures.ctx(null, "https://news.example/feed/");
    Skim first = PARSER.skim(before, ctx, Optional.empty());
    byte[] moved = atom("https://mirror.example.az/", "2021-07-03T10:00:00Z", "А", "Б")
        .getBytes(StandardCharsets.UTF_8);
    Skim next = PARSER.skim(moved, ctx, Optional.of(new Skim.Known(first.shell(),
        h -> first.spans().contains(h))));
    assertThat(next.skipped()).isEmpty();
    List<Entry> entries = ((ParseResult.Parsed) next.result()).feed().entries();
    assertThat(entries).extracting(e -> e.link().orElseThrow())
        .containsExactly("https://mirror.example.az/news/1", "https://mirror.example.az/news/2");
  }

  @Test
  void documentsTheScannerIsNotSureOfAreReadWhole() {
    String rdf = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <channel rdf:about="https://x.example/"><title>X</title><link>https://x.example/</link></channel>
          <item rdf:about="https://x.example/1"><title>Один</title><link>https://x.example/1</link></item>
        </rdf:RDF>
        """;
    String twoChannels = agencyRss("d", "g", "А").replace("</channel>\n</rss>",
        "</channel><channel><title>B</title></channel>\n</rss>");
    String unbalanced = agencyRss("d", "g", "А", "Б").replace("<title>А</title>",
        "<title>А</titel>");
    // Entries the reader takes by namespace, written so that a scanner going by names alone
    // would pair entries with the wrong spans, their numbers still agreeing: an entry in a
    // namespace of its own first (no entry to the reader), one under another prefix for the
    // feed's namespace last (an entry to the reader). Likewise in RSS 2.0 "in a namespace".
    String atomShifted = atom("https://a.example/", "2021-07-03T10:00:00Z", "А", "Б")
        .replace("xml:lang=\"ru\">", "xml:lang=\"ru\" xmlns:a=\"http://www.w3.org/2005/Atom\">")
        .replaceFirst("<entry>", "<entry xmlns=\"urn:x\"><id>urn:f</id></entry>\n  <entry>")
        .replace("</feed>", "<a:entry><id>urn:h</id><title>Скрытая</title></a:entry></feed>");
    String rssShifted = agencyRss("d", "g", "А", "Б")
        .replace("<rss version=\"2.0\"", "<rss version=\"2.0\" xmlns=\"http://backend.userland"
            + ".com/rss2\" xmlns:r=\"http://backend.userland.com/rss2\"")
        .replaceFirst("<item>", "<item xmlns=\"urn:x\"><title>Чужая</title></item>\n  <item>")
        .replace("</channel>", "<r:item><title>Скрытая</title><guid>h</guid></r:item></channel>");
    String foreignChannel = agencyRss("d", "g", "А").replace("<channel>",
        "<channel xmlns=\"urn:x\">");
    for (String xml : List.of(atomShifted, rssShifted)) {
      // Read whole, the hidden entry is there and the foreign one is not.
      List<Entry> entries = ((ParseResult.Parsed) PARSER.parse(bytes(xml),
          Fixtures.ctx(null, "https://x.example/rss"))).feed().entries();
      assertThat(entries).as(xml).hasSize(3)
          .anySatisfy(e -> assertThat(e.title().orElse("")).contains("Скрытая"));
    }
    for (String xml : List.of(rdf, twoChannels, unbalanced, atomShifted, rssShifted,
        foreignChannel)) {
      Skim skim = PARSER.skim(bytes(xml), Fixtures.ctx(null, "https://x.example/rss"),
          Optional.of(new Skim.Known(0, h -> true)));
      assertThat(skim.shell()).as(xml).isZero();
      assertThat(skim.spans()).isEmpty();
      assertThat(skim.skipped()).isEmpty();
    }
    // Read whole, the RDF feed still has its item.
    assertThat(Fixtures.parsed(rdf).entries()).hasSize(1);
  }

  /** A small RSS feed in the given encoding's prolog, one item per title (title, guid). */
  private static String rss(String encoding, String... titles) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"" + encoding
        + "\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>"
        + "<link>https://wire.example/</link>\n");
    int n = 0;
    for (String title : titles) {
      n++;
      b.append("  <item><title>").append(title).append("</title><guid>wire-").append(n)
          .append("</guid><description>").append(title).append(" and more.</description>"
              + "</item>\n");
    }
    return b.append("</channel></rss>\n").toString();
  }

  /** What a skim held only {@code first}'s entries reads of {@code next}. */
  private static Skim again(byte[] first, byte[] next, ParseContext before, ParseContext now) {
    Skim read = PARSER.skim(first, before, Optional.empty());
    assertThat(read.shell()).isNotZero();
    Set<Long> held = new HashSet<>(read.spans());
    return PARSER.skim(next, now, Optional.of(new Skim.Known(read.shell(), held::contains)));
  }

  @Test
  void entriesHeldAreCutOutOfTheBytesOnlyWhileTheCharsetIsTheSame() {
    // The same bytes are other letters in KOI8-R than in windows-1251.
    byte[] body = rss("windows-1251", "Министр", "Погода").getBytes(CP1251);
    ParseContext cp1251 = Fixtures.ctx("application/rss+xml; charset=windows-1251",
        "https://wire.example/rss");
    ParseContext koi8 = Fixtures.ctx("application/rss+xml; charset=KOI8-R",
        "https://wire.example/rss");
    Skim same = again(body, body, cp1251, cp1251);
    assertThat(same.skipped()).hasSize(2);
    Skim other = again(body, body, cp1251, koi8);
    assertThat(other.skipped()).isEmpty();
    assertThat(other.result()).isEqualTo(new ParseResult.Parsed(Fixtures.parsed(body, koi8)));
  }

  @Test
  void anEntryHeldIsReadAgainWhenTheWholeTextWouldBeTakenForUtf8EncodedTwice() {
    // "Ã©tÃ©" is "été" encoded to UTF-8 twice; "é." beside it is no such text, so the first
    // read mends nothing. Without that entry the whole of the next is UTF-8 encoded twice and
    // is mended, "Ã©tÃ©" included: it cannot stand as it was read.
    String twice = "Ã©tÃ©";
    byte[] first = rss("UTF-8", twice, "café.").getBytes(StandardCharsets.UTF_8);
    byte[] next = rss("UTF-8", twice, "news").replace("wire-2", "wire-3")
        .getBytes(StandardCharsets.UTF_8);
    ParseContext ctx = Fixtures.ctx(null, "https://wire.example/rss");
    assertThat(Fixtures.parsed(first, ctx).entries().get(0).title()).contains(twice);
    ParsedFeed whole = Fixtures.parsed(next, ctx);
    assertThat(whole.entries().get(0).title()).contains("été");
    Skim skim = again(first, next, ctx, ctx);
    assertThat(skim.skipped()).isEmpty();
    assertThat(skim.result()).isEqualTo(new ParseResult.Parsed(whole));
  }

  @Test
  void entriesWithTypographicQuotesAreLeftOut() {
    // Latin text with curly quotes and dashes: every character is a windows-1252 byte, yet a
    // quote after a letter is no UTF-8 encoded twice, so the entries held need no second look.
    ParseContext ctx = Fixtures.ctx(null, "https://wire.example/rss");
    for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252"))) {
      String name = cs.name();
      byte[] first = rss(name, "Minister’s “talks” – day one", "Weather").getBytes(cs);
      byte[] next = rss(name, "Minister’s “talks” – day one", "Weather", "Rates")
          .getBytes(cs);
      Skim skim = again(first, next, ctx, ctx);
      assertThat(skim.skipped()).as(name).hasSize(2);
      ParsedFeed read = ((ParseResult.Parsed) skim.result()).feed();
      assertThat(read.entries()).as(name)
          .containsExactly(Fixtures.parsed(next, ctx).entries().get(2));
    }
  }

  private static byte[] bytes(String xml) {
    return xml.getBytes(xml.contains("windows-1251") ? CP1251 : StandardCharsets.UTF_8);
  }

  private static long shell(String xml) {
    Skim s = PARSER.skim(bytes(xml), Fixtures.ctx(null, "https://kabar.kg/rss/"),
        Optional.empty());
    assertThat(s.shell()).isNotZero();
    return s.shell();
  }
}
