package org.newswire.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Counters and beacons leave item HTML; pictures stay. */
class TrackingImagesTest {
  private static final String BASE = "https://kabar.kg/news/2026/11/30/sneg.html";

  @Test
  void agencyItemKeepsItsPicturesAndLosesEveryCounter() throws IOException {
    String html = HtmlSanitizer.sanitize(resource("agency-item-counters.html"), BASE);

    assertThat(Jsoup.parseBodyFragment(html).select("img").eachAttr("src")).containsExactly(
        "https://kabar.kg/upload/iblock/5f2/pogoda-bishkek.jpg",
        "https://static.kabar.kg/photo/2026/11/30/perevaly.jpg");
    assertThat(html).contains("Синоптики прогнозируют снегопад").contains("Перевал Тоо-Ашуу");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<img src=\"/px.gif\" style=\"display:none\">",
      "<img src=\"/px.gif\" style=\"border:0; VISIBILITY: hidden\">",
      "<img src=\"/px.gif\" style=\"width:1px;height:1px\">",
      "<img src=\"/px.gif\" style=\"width: 0\">",
      "<img src=\"/px.gif\" width=\"1\" height=\"1\">",
      "<img src=\"/px.gif\" width=\"0\">",
      "<img src=\"/px.gif\" height=\"1px\">",
      "<img src=\"/px.gif\" hidden>",
      "<div hidden><p><img src=\"/px.gif\"></p></div>",
      "<div style=\"display:none\"><img src=\"/px.gif\"></div>",
      "<noscript><img src=\"/px.gif\"></noscript>",
      "<img src=\"https://mc.yandex.ru/watch/48121397\">",
      "<img src=\"https://counter.yadro.ru/hit?q;r\">",
      "<img src=\"https://www.liveinternet.ru/counter?t=1\">",
      "<img src=\"http://feeds.feedburner.com/~r/rian/~4/x1y2z3\">",
      "<img src=\"https://www.facebook.com/tr/?id=1&amp;ev=PageView\">",
      "<img src=\"https://da.feedsportal.com/r/186529795882/u/49/f/5838/c/34593/s/3e3a1c3e/a2.img\">",
  })
  void hiddenTinyAndAnalyticsImagesGo(String img) {
    String html = HtmlSanitizer.sanitize("<p>Текст новости</p>" + img, BASE);

    assertThat(html).startsWith("<p>Текст новости</p>").doesNotContain("<img");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<img src=\"https://kabar.kg/photo.jpg\" width=\"640\" height=\"427\">",
      "<img src=\"https://kabar.kg/photo.jpg\" style=\"width:100%;height:auto\">",
      "<img src=\"https://kabar.kg/photo.jpg\" width=\"100%\">",
      "<img src=\"https://news.mail.ru/pic/photo.jpg\">",
      "<img src=\"https://www.facebook.com/trips/photo.jpg\">",
      "<img src=\"https://feeds.feedburner.com/kabar/logo.png\">",
  })
  void picturesStay(String img) {
    assertThat(Jsoup.parseBodyFragment(HtmlSanitizer.sanitize(img, BASE)).select("img"))
        .hasSize(1);
  }

  @Test
  void noscriptFallbackOfALazyImageIsThePicture() {
    String html = HtmlSanitizer.sanitize("<img data-src=\"/big.jpg\" class=\"lazy\">"
        + "<noscript><img src=\"/big.jpg\"></noscript>", BASE);

    assertThat(Jsoup.parseBodyFragment(html).select("img").eachAttr("src"))
        .containsExactly("https://kabar.kg/big.jpg");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = TrackingImagesTest.class.getResourceAsStream("/clean/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
