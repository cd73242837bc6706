package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatesTest {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      Sat, 03 Jul 2021 07:15:00 +0300      | 2021-07-03T04:15:00Z
      Sat, 3 Jul 2021 07:15:00 +03         | 2021-07-03T04:15:00Z
      Sat, 03 Jul 2021 07:15:00 +03:00     | 2021-07-03T04:15:00Z
      Sat, 03 Jul 2021 04:15:00 GMT        | 2021-07-03T04:15:00Z
      Sat, 03 Jul 2021 07:15:00 GMT+3      | 2021-07-03T04:15:00Z
      Sat, 03 Jul 2021 07:15:00 GMT+03:00  | 2021-07-03T04:15:00Z
      Sat, 03 Jul 2021 07:15:00 MSK        | 2021-07-03T04:15:00Z
      Fri, 02 Jul 2021 23:15:00 EST        | 2021-07-03T04:15:00Z
      Sat, 03 Jul 21 04:15 Z               | 2021-07-03T04:15:00Z
      03 Jul 2021 04:15:00 UT              | 2021-07-03T04:15:00Z
      2021-07-03T04:15:00Z                 | 2021-07-03T04:15:00Z
      2021-07-03T07:15:00+03:00            | 2021-07-03T04:15:00Z
      2021-07-03 07:15:00+0300             | 2021-07-03T04:15:00Z
      2021-07-03 07:15:00 +03              | 2021-07-03T04:15:00Z
      2021-07-03T04:15:00.123456Z          | 2021-07-03T04:15:00.123456Z
      2021-07-03T04:15:00,5Z               | 2021-07-03T04:15:00.5Z
      2021-07-03T10:15:00                  | 2021-07-03T04:15:00Z
      2021-07-03                           | 2021-07-02T18:00:00Z
      3 июля 2021 10:15                    | 2021-07-03T04:15:00Z
      03 июл 2021 10:15                    | 2021-07-03T04:15:00Z
      3 июля 2021 г. 07:15 +0300           | 2021-07-03T04:15:00Z
      1 мая 2021 06:00                     | 2021-05-01T00:00:00Z
      15 марта 2021 06:00 MSK              | 2021-03-15T03:00:00Z
      Jul 3, 2021 10:15                    | 2021-07-03T04:15:00Z
      Sat Jul  3 04:15:00 UTC 2021         | 2021-07-03T04:15:00Z
      31 Feb 2021 10:00:00 GMT             | -
      Sat, 03 Jul 2021 25:00:00 GMT        | -
      2021-02-30T10:00:00Z                 | -
      2021-07-03T10:61:00Z                 | -
      Sat, 03 Jul 2021 07:15:00 XYZ        | -
      yesterday                            | -
      """)
  void parsesFeedDates(String raw, String expected) {
    assertThat(Dates.parse(raw, ALMATY))
        .isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
  }

  @Test
  void futureDatesAreClampedToTheFetchTime() {
    Instant fetched = Instant.parse("2021-07-03T04:15:00Z");
    assertThat(Dates.clamp(Instant.parse("2021-07-03T07:15:00Z"), fetched)).isEqualTo(fetched);
    assertThat(Dates.clamp(Instant.parse("2021-07-03T04:16:00Z"), fetched))
        .isEqualTo(Instant.parse("2021-07-03T04:16:00Z"));
  }

  @Test
  void feedDateInTheFutureComesOutClamped() {
    var f = Fixtures.parsed(("<rss version=\"2.0\"><channel><title>x</title><item><title>t</title>"
        + "<pubDate>Mon, 01 Jan 2035 00:00:00 GMT</pubDate></item></channel></rss>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), Fixtures.ctx(null, null));
    assertThat(f.entries().get(0).published()).contains(Fixtures.FETCHED);
  }
}
