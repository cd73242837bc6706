package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswire.model.ParsedFeed;

/** Russian agency feeds in every encoding they come in, declared or not. */
class EncodingTest {

  @ParameterizedTest(name = "{0} served as {1}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      agency-cp1251-prolog.xml     | -                              | windows-1251
      agency-cp1251-undeclared.xml | -                              | windows-1251
      agency-cp1251-undeclared.xml | text/xml                       | windows-1251
      agency-cp1251-prolog.xml     | application/rss+xml; charset=windows-1251 | windows-1251
      agency-koi8r-undeclared.xml  | -                              | KOI8-R
      agency-utf8-undeclared.xml   | text/xml                       | UTF-8
      agency-utf8-undeclared.xml   | -                              | UTF-8
      """)
  void decodesCyrillic(String file, String contentType, String charset) {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes(file), Fixtures.ctx(contentType, null));
    assertThat(f.encoding()).isEqualTo(charset);
    assertThat(f.feed().title()).contains("Новости Центральной Азии");
    assertThat(f.entries()).extracting(e -> e.title().orElseThrow())
        .containsExactly("Президент встретился с делегацией", "Курс рубля вырос");
    assertThat(f.entries().get(0).published()).contains(Instant.parse("2021-07-03T07:15:00Z"));
    assertThat(f.entries().get(1).published()).contains(Instant.parse("2021-07-03T06:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"IBM866", "ISO-8859-5", "KOI8-R", "windows-1251"})
  void detectsUndeclaredSingleByteCyrillic(String charset) {
    String xml = "<rss version=\"2.0\"><channel><title>Агентство печати</title><item>"
        + "<title>Правительство утвердило новый бюджет на следующий год</title>"
        + "<description>Министерство финансов подготовило проект документа.</description>"
        + "</item></channel></rss>";
    ParsedFeed f = Fixtures.parsed(xml.getBytes(java.nio.charset.Charset.forName(charset)),
        Fixtures.ctx(null, null));
    assertThat(f.encoding()).isEqualToIgnoringCase(charset);
    assertThat(f.entries().get(0).title())
        .contains("Правительство утвердило новый бюджет на следующий год");
  }

  @org.junit.jupiter.api.Test
  void httpCharsetOutranksProlog() {
    String xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel>"
        + "<title>Ёлка</title></channel></rss>";
    ParsedFeed f = Fixtures.parsed(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Fixtures.ctx("text/xml; charset=utf-8", null));
    assertThat(f.feed().title()).contains("Ёлка");
  }
}
