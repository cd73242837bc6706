package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.newswire.model.Entry;
import org.newswire.model.ParsedFeed;

class FeedParserFormatsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      rss091-netscape.xml | rss_0.91U | Netscape\u00a0Wire | Café opens downtown     | http://wire.example.com/cafe.html
      rss092.xml          | rss_0.92  | Kabar 0.92       | Parliament session        |
      rss20.xml           | rss_2.0   | Trend News       | Новости экономики         | https://trend.example.az/economy/1.html?utm_source=rss&id=7
      rdf10.xml           | rss_1.0   | AKIpress RDF     | Bishkek weather           | http://akipress.example.org/news/1
      atom03.xml          | atom_0.3  | APA Atom 0.3     | Baku forum                | http://apa.example.az/news/9
      atom10.xml          | atom_1.0  | AzerTag          | Summit <b>ends</b>        | https://azertag.example.az/news/42
      jsonfeed10.json     | json_1.0  | 24.kg JSON       | Первая новость            | https://24.example.kg/news/1
      jsonfeed11.json     | json_1.1  | TASS JSON        | Plain &lt;title&gt;       | https://tass.example.ru/a
      """)
  void readsEveryFormat(String file, String format, String title, String firstTitle, String link) {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes(file),
        Fixtures.ctx(null, "https://trend.example.az/feed.xml"));
    assertThat(f.format()).isEqualTo(format);
    assertThat(f.feed().title()).contains(title);
    assertThat(f.entries()).hasSize(1);
    assertThat(f.entries().get(0).title()).contains(firstTitle);
    assertThat(f.entries().get(0).link()).isEqualTo(Optional.ofNullable(link));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      rss20.xml       | 2021-07-03T04:15:00Z
      rdf10.xml       | 2021-07-03T04:15:00Z
      atom03.xml      | 2021-07-03T04:15:00Z
      atom10.xml      | 2021-07-03T04:15:00Z
      jsonfeed10.json | 2021-07-03T04:15:00Z
      """)
  void readsEntryDates(String file, String published) {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes(file), Fixtures.ctx(null, null));
    assertThat(f.entries().get(0).published()).contains(Instant.parse(published));
  }

  @Test
  void rss20KeepsExtensionsAndFeedMetadata() {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes("rss20.xml"),
        Fixtures.ctx(null, "https://trend.example.az/feed.xml"));
    assertThat(f.feed().ttl()).contains(Duration.ofMinutes(30));
    assertThat(f.feed().language()).contains("ru");
    assertThat(f.feed().generator()).contains("CMS 5");
    assertThat(f.feed().imageUrl()).contains("https://trend.example.az/logo.png");
    assertThat(f.feed().updated()).contains(Instant.parse("2021-07-03T04:20:00Z"));
    Entry e = f.entries().get(0);
    assertThat(e.id()).contains("trend-1");
    assertThat(e.author()).contains("Анна Петрова");
    // no xml:base: HTML keeps its relative URLs for the cleaner, which resolves them against
    // the document URL while it parses the HTML anyway
    assertThat(e.contentHtml().orElseThrow()).contains("href=\"/full\"");
    assertThat(e.summaryHtml().orElseThrow()).contains("src=\"/img/a.jpg\"");
    assertThat(e.imageUrl()).contains("https://trend.example.az/thumb.jpg");
    assertThat(e.comments()).contains("https://trend.example.az/economy/1.html#comments");
    assertThat(e.categories()).containsExactly("Экономика");
  }

  @Test
  void relativeLinksLoseTheirDotSegments() {
    String rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Кабар</title><link>../../</link>
        <item><title>Снегопад в Бишкеке</title><link>../../pogoda/sneg-1.html</link>
        <enclosure url="./../../media/./sneg.jpg" type="image/jpeg" length="1"/>
        <comments>https://kabar.example.kg/news/../pogoda/sneg-1.html#c</comments>
        </item></channel></rss>
        """;
    ParsedFeed f = Fixtures.parsed(rss.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Fixtures.ctx(null, "https://kabar.example.kg/rss.xml"));

    assertThat(f.feed().link()).contains("https://kabar.example.kg/");
    Entry e = f.entries().get(0);
    assertThat(e.link()).contains("https://kabar.example.kg/pogoda/sneg-1.html");
    assertThat(e.enclosures().get(0).url()).isEqualTo("https://kabar.example.kg/media/sneg.jpg");
    assertThat(e.comments()).contains("https://kabar.example.kg/pogoda/sneg-1.html#c");
  }

  @Test
  void enclosuresAndCategoriesOfRss092() {
    Entry e = Fixtures.parsed(Fixtures.bytes("rss092.xml"), Fixtures.ctx(null, null)).entries().get(0);
    assertThat(e.enclosures()).singleElement().satisfies(enc -> {
      assertThat(enc.url()).isEqualTo("http://kabar.example.kg/audio/1.mp3");
      assertThat(enc.type()).contains("audio/mpeg");
      assertThat(enc.length()).hasValue(12345);
    });
    assertThat(e.categories()).containsExactly("Politics");
  }

  @Test
  void atom10TextConstructsAndMicroseconds() {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes("atom10.xml"), Fixtures.ctx(null, null));
    Entry e = f.entries().get(0);
    assertThat(e.summaryHtml()).contains("Short: 1 &lt; 2"); // type="text" stays literal
    assertThat(e.contentHtml().orElseThrow()).contains("https://azertag.example.az/leaders");
    assertThat(e.updated()).contains(Instant.parse("2021-07-03T04:30:00.123456Z"));
    assertThat(f.feed().authors()).singleElement()
        .satisfies(p -> assertThat(p.email()).contains("news@azertag.example.az"));
    assertThat(f.feed().link()).contains("https://azertag.example.az/");
  }

  @Test
  void jsonFeed11AttachmentsAuthorsAndText() {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes("jsonfeed11.json"), Fixtures.ctx(null, null));
    Entry e = f.entries().get(0);
    assertThat(e.contentText()).contains("Line one.\nLine two.");
    assertThat(e.updated()).contains(Instant.parse("2021-07-03T10:15:00Z"));
    assertThat(e.author()).contains("Иван");
    assertThat(e.enclosures()).singleElement().satisfies(enc -> {
      assertThat(enc.url()).isEqualTo("https://tass.example.ru/a.mp3");
      assertThat(enc.length()).hasValue(99);
    });
    assertThat(f.feed().language()).contains("ru");
  }

  @Test
  void parserIsReusableAcrossThreads() throws Exception {
    FeedParser parser = new FeedParser();
    byte[] body = Fixtures.bytes("rss20.xml");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<ParseResult>>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> parser.parse(body, Fixtures.ctx(null, null))));
      }
      for (var fu : futures) {
        assertThat(((ParseResult.Parsed) fu.get()).feed().entries().get(0).title())
            .contains("Новости экономики");
      }
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Mon, 01 Jan 0001 00:00:00 GMT  | -
      Thu, 01 Jan 1970 00:00:00 GMT  | -
      Sat, 31 Dec 1994 23:59:59 GMT  | -
      Sun, 01 Jan 1995 00:00:00 GMT  | 1995-01-01T00:00:00Z
      Sat, 03 Jul 2021 04:15:00 GMT  | 2021-07-03T04:15:00Z
      """)
  void datesBefore1995AreNoDatesLikeOtherImpossibleOnes(String pubDate, String expected) {
    ParsedFeed rss = Fixtures.parsed("<rss version=\"2.0\"><channel><title>Лента</title>"
        + "<item><title>Старое</title><guid>a1</guid><pubDate>" + pubDate + "</pubDate>"
        + "</item></channel></rss>");
    Optional<Instant> want = expected.equals("-") ? Optional.empty()
        : Optional.of(Instant.parse(expected));
    assertThat(rss.entries().get(0).published()).isEqualTo(want);

    String iso = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .parse(pubDate, java.time.ZonedDateTime::from).toInstant().toString();
    ParsedFeed json = Fixtures.parsed(("{\"version\":\"https://jsonfeed.org/version/1.1\","
        + "\"title\":\"ТАСС\",\"items\":[{\"id\":\"1\",\"date_published\":\"" + iso
        + "\",\"date_modified\":\"" + iso + "\"}]}").getBytes(StandardCharsets.UTF_8),
        Fixtures.ctx(null, null));
    assertThat(json.entries().get(0).published()).isEqualTo(want);
    assertThat(json.entries().get(0).updated()).isEqualTo(want);
  }

  @Test
  void aBodyThatIsNeitherXmlNorJsonIsDescribedNeverQuoted() {
    byte[] body = "Access denied for session 7f3a-SECRET-token; contact admin@agency.example"
        .getBytes(StandardCharsets.UTF_8);

    ParseResult r = new FeedParser().parse(body, Fixtures.ctx("text/plain; charset=utf-8", null));

    assertThat(r).isInstanceOf(ParseResult.Unreadable.class);
    String reason = ((ParseResult.Unreadable) r).reason();
    assertThat(reason).isEqualTo("neither XML nor JSON (Content-Type text/plain; charset=utf-8, "
        + body.length + " bytes)");
    assertThat(reason).doesNotContain("Access").doesNotContain("SECRET");
  }
}
