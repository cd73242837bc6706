package org.newswire.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretUrlsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://user:pass@host.example/feed?apikey=abc&lang=ru|http://host.example/feed?apikey=REDACTED&lang=ru",
      "https://token@host.example:8443/rss|https://host.example:8443/rss",
      "https://user:p@ss@host.example/rss|https://host.example/rss",
      "https://h.example/r?api_key=1&API-KEY=2&access_token=3&X-Amz-Signature=4|https://h.example/r?api_key=REDACTED&API-KEY=REDACTED&access_token=REDACTED&X-Amz-Signature=REDACTED",
      "https://h.example/r?client_secret=s&passwd=p&sig=x&auth=y&page=2|https://h.example/r?client_secret=REDACTED&passwd=REDACTED&sig=REDACTED&auth=REDACTED&page=2",
      "https://h.example/r?q=a%3Db&&flag|https://h.example/r?q=a%3Db&&flag",
      "https://h.example/cb#access_token=t&state=s|https://h.example/cb#access_token=REDACTED&state=s",
      "https://kabar.kg/rss/|https://kabar.kg/rss/",
      "https://h.example/r?my%5Ftoken=1|https://h.example/r?my%5Ftoken=REDACTED",
  })
  void redactsUserinfoAndSecretParameters(String url, String shown) {
    assertThat(SecretUrls.redact(url)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cannot connect for http://a:b@h.example/f?token=t: refused|cannot connect for http://h.example/f?token=REDACTED: refused",
      "fetch of 'https://h.example/x?key=k' failed|fetch of 'https://h.example/x?key=REDACTED' failed",
      "no URL here|no URL here",
  })
  void redactsEveryUrlInAMessage(String text, String shown) {
    assertThat(SecretUrls.redactIn(text)).isEqualTo(shown);
  }
}
