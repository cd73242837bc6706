package org.newswire.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswire.clean.HtmlSanitizer;
import org.newswire.fulltext.Article.Dateline;
import org.newswire.fulltext.Article.Method;
import org.newswire.model.Entry;
import org.newswire.model.ExtractRules;

class ArticleExtractorTest {
  private final ArticleExtractor extractor =
      new ArticleExtractor(Clock.fixed(Instant.parse("2021-07-05T08:00:00Z"), ZoneOffset.UTC));

  static byte[] page(String name) {
    try (InputStream in = ArticleExtractorTest.class.getResourceAsStream("/fulltext/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String golden(String name) {
    return new String(page(name), StandardCharsets.UTF_8).strip();
  }

  private Article extract(String name, String url, ExtractRules rules) {
    Extraction r = extractor.extract(page(name), Optional.empty(), url, rules);
    assertThat(r).isInstanceOf(Extraction.Extracted.class);
    return ((Extraction.Extracted) r).article();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "kabar-agency.html, kabar-agency.txt",
    "cp1251-table.html, cp1251-table.txt",
    // A short article right under the headline that states the <title>, and a longer legal
    // footer with more commas elsewhere: the headline decides.
    "headline-short-article.html, headline-short-article.txt",
  })
  void goldenPairs(String page, String expected) {
    Article a = extract(page, "https://news.example/ru/item/1", ExtractRules.none());
    assertThat(a.contentText()).isEqualTo(golden(expected));
    assertThat(a.method()).isEqualTo(Method.HEURISTIC);
  }

  @Test
  void agencyPageMetadataAndDateline() {
    Article a = extract("kabar-agency.html", "https://kabar.kg/ru/news/1/", ExtractRules.none());
    assertThat(a.title()).contains("Кыргызстан и Казахстан обсудили водно-энергетическое сотрудничество");
    assertThat(a.author()).contains("Айгуль Токтосунова");
    assertThat(a.published()).contains(Instant.parse("2021-07-03T04:15:00Z"));
    assertThat(a.leadImage()).contains("https://kabar.kg/uploads/2021/07/mid-meeting.jpg");
    assertThat(a.dateline()).contains(
        new Dateline("Бишкек", Optional.of(LocalDate.of(2021, 7, 3)), Optional.of("Кабар")));
    assertThat(a.contentHtml()).startsWith("<").contains("<p>Бишкек, 03.07.21. /Кабар/.")
        .doesNotContain("Комментарии", "textarea", "Популярное", "cookie");
  }

  @Test
  void windows1251PageDecodesFromMetaHttpEquiv() {
    Article a = extract("cp1251-table.html", "http://tambov.example/news/5512/", ExtractRules.none());
    assertThat(a.title()).contains("Новости Тамбова :: В Тамбове отремонтируют старый мост через Цну");
    assertThat(a.contentText()).contains("через реку Цну").doesNotContain("Другие новости", "�");
  }

  @Test
  void articleOnlyInJsonLd() {
    Article a = extract("jsonld-only.html", "https://en.trend.az/business/123", ExtractRules.none());
    assertThat(a.method()).isEqualTo(Method.JSONLD);
    assertThat(a.contentText().lines().toList()).containsExactly(
        "BAKU, Azerbaijan, July 2 (Trend) - Azerbaijan and Turkmenistan signed a memorandum on the"
            + " joint exploration and development of the Dostlug field in the Caspian Sea, Trend reports.",
        "The document was signed in Ashgabat by the foreign ministers of the two countries, in the"
            + " presence of both presidents.",
        "The field's reserves are estimated at 50 million tons of oil, according to preliminary data.");
    assertThat(a.contentHtml()).contains("<p>The document was signed in Ashgabat");
    assertThat(a.author()).contains("Elmira Tariverdiyeva");
    assertThat(a.published()).contains(Instant.parse("2021-07-02T10:05:00Z"));
    assertThat(a.leadImage()).contains("https://img.trend.az/2021/07/02/dostlug.jpg");
    assertThat(a.title()).contains("Azerbaijan, Turkmenistan agree on joint gas field development");
  }

  @Test
  void lazyImagesKeepTheirRealSource() {
    Article a = extract("lazy-images.html", "https://airport.example.kg/news/7", ExtractRules.none());
    // As ingest's finishing step makes it safe: URLs absolute against the page's base.
    assertThat(a.baseUri()).isEqualTo("https://airport.example.kg/news/7");
    assertThat(HtmlSanitizer.sanitize(a.contentHtml(), a.baseUri()))
        .contains("src=\"https://airport.example.kg/media/terminal-1.jpg\"")
        .contains("src=\"https://airport.example.kg/media/terminal-2-1200.jpg\"")
        .contains("src=\"https://cdn.example.kg/media/terminal-3.jpg\"")
        .doesNotContain("data:image", "placeholder.svg");
    assertThat(a.leadImage()).contains("https://airport.example.kg/media/terminal-1.jpg");
  }

  @Test
  void perSourceSelectorOverridesTheHeuristic() {
    Article plain = extract("selector-override.html", "https://tj.example/1", ExtractRules.none());
    assertThat(plain.contentText()).contains("Letter from a reader");

    ExtractRules rules = new ExtractRules(Optional.of(".lead-box, .unit-info"), List.of());
    Article a = extract("selector-override.html", "https://tj.example/1", rules);
    assertThat(a.method()).isEqualTo(Method.SELECTOR);
    assertThat(a.contentText()).isEqualTo(
        "Tajikistan launched the second unit of the Rogun hydropower plant on Friday, the"
            + " government said.\nThe unit adds 600 megawatts of capacity.\n"
            + "Engineers expect the third unit to start within two years.");
  }

  @Test
  void removeSelectorsDropElementsBeforeDetection() {
    ExtractRules rules = new ExtractRules(Optional.empty(), List.of(".readers-letters"));
    Article a = extract("selector-override.html", "https://tj.example/1", rules);
    assertThat(a.contentText()).doesNotContain("Letter from a reader")
        .containsAnyOf("Tajikistan launched the second unit", "600 megawatts");
  }

  @Test
  void invalidSelectorAndEmptyPagesFailWithAReason() {
    ExtractRules bad = new ExtractRules(Optional.of("div[[["), List.of());
    assertThat(extractor.extract(page("kabar-agency.html"), Optional.empty(), "https://x/", bad))
        .isInstanceOfSatisfying(Extraction.Failed.class,
            f -> assertThat(f.reason()).startsWith("invalid extract selector"));
    assertThat(extractor.extract(new byte[0], Optional.empty(), "https://x/", ExtractRules.none()))
        .isEqualTo(new Extraction.Failed("empty page"));
    byte[] menuOnly = "<html><body><nav><a href=/>Главная</a></nav><p>Ошибка 404</p></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(extractor.extract(menuOnly, Optional.empty(), "https://x/", ExtractRules.none()))
        .isEqualTo(new Extraction.Failed("no article text found on the page"));
  }

  @Test
  void feedWithFullTextWinsOverThePage() {
    String body = "<p>" + "Текст статьи из ленты, достаточно длинный для полного материала. ".repeat(12)
        + "</p><p>Последний абзац статьи.</p>";
    Entry entry = Entry.builder().title("Заголовок").link("https://kabar.kg/ru/news/2/")
        .contentHtml(body).build();
    Extraction r = extractor.extract(page("kabar-agency.html"), Optional.empty(),
        "https://kabar.kg/ru/news/2/", ExtractRules.none(), Optional.of(entry));
    assertThat(r).isInstanceOfSatisfying(Extraction.Extracted.class, e -> {
      assertThat(e.article().method()).isEqualTo(Method.FEED);
      assertThat(e.article().contentText()).endsWith("\nПоследний абзац статьи.");
      assertThat(e.article().title()).contains("Заголовок");
    });

    Entry teaser = Entry.builder().title("Заголовок").contentHtml("<p>Министр провел встречу…</p>")
        .build();
    Extraction fromPage = extractor.extract(page("kabar-agency.html"), Optional.empty(),
        "https://kabar.kg/ru/news/2/", ExtractRules.none(), Optional.of(teaser));
    assertThat(fromPage).isInstanceOfSatisfying(Extraction.Extracted.class,
        e -> assertThat(e.article().method()).isEqualTo(Method.HEURISTIC));
  }
}
