package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswire.model.Entry;
import org.newswire.model.ParsedFeed;

/** One bad optional element costs that element, never the feed; the loss is reported. */
class OptionalElementsTest {
  private static final String NAMESPACES = " xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\""
      + " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
      + " xmlns:media=\"http://search.yahoo.com/mrss/\"";

  private static String rss(String channelExtra, String itemExtra) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"" + NAMESPACES + ">"
        + "<channel><title>Лента новостей</title><link>https://agency.example/</link>"
        + "<description>Новости</description>" + channelExtra
        + "<item><title>Президент встретился с делегацией</title>"
        + "<link>https://agency.example/1</link><guid>n1</guid>" + itemExtra
        + "<enclosure url=\"https://agency.example/1.jpg\" type=\"image/jpeg\" length=\"2048\"/>"
        + "</item><item><title>Курс рубля вырос</title><link>https://agency.example/2</link>"
        + "<guid>n2</guid><slash:comments>7</slash:comments></item></channel></rss>";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      cloud port not a number  | <cloud domain="rpc.agency.example" port="eighty" path="/RPC2" registerProcedure="ping" protocol="xml-rpc"/> | cloud
      cloud port empty         | <cloud domain="rpc.agency.example" port="" path="/RPC2" registerProcedure="ping" protocol="xml-rpc"/>       | cloud
      skipHours not a number   | <skipHours><hour>night</hour></skipHours>                             | skipHours
      skipHours out of range   | <skipHours><hour>3</hour><hour>99</hour></skipHours>                  | skipHours
      skipHours negative       | <skipHours><hour>-1</hour></skipHours>                                | skipHours
      skipDays unknown day     | <skipDays><day>Воскресенье</day></skipDays>                           | skipDays
      """)
  void badChannelElementIsDroppedAndReported(String what, String element, String name) {
    ParsedFeed f = Fixtures.parsed(rss(element, ""));
    assertThat(f.feed().title()).contains("Лента новостей");
    assertThat(f.entries()).extracting(e -> e.title().orElseThrow())
        .containsExactly("Президент встретился с делегацией", "Курс рубля вырос");
    assertThat(f.warnings()).hasSize(1);
    assertThat(f.warnings().get(0)).startsWith("dropped invalid optional element <" + name + ">");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ttl not a number         | <ttl>soon</ttl>
      ttl too large            | <ttl>99999999999999999999</ttl>
      image width and height   | <image><url>https://agency.example/logo.png</url><title>t</title><link>https://agency.example/</link><width>wide</width><height>1e3</height></image>
      """)
  void valuesRomeToleratesKeepTheFeedWithoutAWarning(String what, String element) {
    ParsedFeed f = Fixtures.parsed(rss(element, ""));
    assertThat(f.entries()).hasSize(2);
    assertThat(f.feed().ttl()).isEmpty();
    assertThat(f.warnings()).isEmpty();
  }

  @Test
  void badItemModuleValueCostsOnlyThatValue() {
    ParsedFeed f = Fixtures.parsed(rss("", "<slash:comments>много</slash:comments>"));
    assertThat(f.entries()).hasSize(2);
    assertThat(f.warnings()).containsExactly(
        "dropped invalid optional element <slash:comments> \"много\" (For input string: \"много\")");
    // The second item's valid comment count stays in the document Rome reads.
    assertThat(f.entries().get(1).title()).contains("Курс рубля вырос");
  }

  @Test
  void severalBadElementsAreEachDroppedAndReported() {
    ParsedFeed f = Fixtures.parsed(rss("<skipDays><day>Someday</day></skipDays>"
        + "<cloud domain=\"rpc.agency.example\" port=\"x\" path=\"/\" registerProcedure=\"p\""
        + " protocol=\"soap\"/>", "<slash:comments>n/a</slash:comments>"));
    assertThat(f.entries()).extracting(e -> e.title().orElseThrow())
        .containsExactly("Президент встретился с делегацией", "Курс рубля вырос");
    assertThat(f.warnings()).hasSize(3);
    assertThat(f.warnings().get(0)).startsWith("dropped invalid optional element <skipDays>");
    assertThat(f.warnings().get(1)).startsWith("dropped invalid optional element <cloud>");
    assertThat(f.warnings().get(2))
        .startsWith("dropped invalid optional element <slash:comments> \"n/a\"");
  }

  @Test
  void badEnclosureLengthKeepsTheEnclosureWithoutLength() {
    String xml = rss("", "").replace("length=\"2048\"", "length=\"2 MB\"");
    ParsedFeed f = Fixtures.parsed(xml);
    Entry first = f.entries().get(0);
    assertThat(first.enclosures()).hasSize(1);
    assertThat(first.enclosures().get(0).length()).isEqualTo(OptionalLong.empty());
  }

  @Test
  void aValidFeedHasNoWarnings() {
    String cloud = "<cloud domain=\"rpc.agency.example\" port=\"80\" path=\"/RPC2\""
        + " registerProcedure=\"ping\" protocol=\"xml-rpc\"/><skipHours><hour>0</hour>"
        + "<hour>23</hour></skipHours><skipDays><day>Sunday</day></skipDays><ttl>15</ttl>";
    ParsedFeed f = Fixtures.parsed(rss(cloud, "<slash:comments>3</slash:comments>"));
    assertThat(f.warnings()).isEmpty();
    assertThat(f.feed().ttl()).contains(java.time.Duration.ofMinutes(15));
  }

  @Test
  void aDocumentThatIsNoFeedIsStillRefused() {
    assertThat(Fixtures.unreadable("<?xml version=\"1.0\"?><html><body><p>Новости</p></body></html>"))
        .contains("not a feed");
  }
}
