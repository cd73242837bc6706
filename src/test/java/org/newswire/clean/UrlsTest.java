package org.newswire.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      HTTP://News.Example.KZ:80/a?utm_source=rss&id=1#top   | http://news.example.kz/a?id=1
      https://example.kz:443                                 | https://example.kz/
      https://example.kz:8443/x?fbclid=1&gclid=2&yclid=3     | https://example.kz:8443/x
      https://example.kz/x?_openstat=abc&utm_medium=m&page=2 | https://example.kz/x?page=2
      https://example.kz/путь                                | https://example.kz/путь
      ftp://example.kz/file                                  | -
      javascript:alert(1)                                    | -
      /relative/path                                         | -
      """)
  void canonical(String url, String expected) {
    assertThat(Urls.canonical(url)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      https://a.kz/x?utm_source=rss                  | https://a.kz/x
      https://a.kz/x?id=1&utm_campaign=c&UTM_TERM=t  | https://a.kz/x?id=1
      https://a.kz/x?id=1#frag                       | https://a.kz/x?id=1#frag
      https://a.kz/x?gclid=1#frag                    | https://a.kz/x#frag
      """)
  void stripTracking(String url, String expected) {
    assertThat(Urls.stripTracking(url)).isEqualTo(expected);
  }
}
