package org.newswire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newswire.dedup.Identities;
import org.newswire.fulltext.Article;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.fulltext.Extraction;
import org.newswire.model.Entry;
import org.newswire.model.ExtractRules;
import org.newswire.model.FinishedArticle;
import org.newswire.model.FinishedItem;
import org.newswire.model.Source;

/** Both ways an item's text arrives end finished the same way: safe, canonical, once. */
class ItemFinisherTest {
  private static final Instant NOW = Instant.parse("2021-07-03T06:00:00Z");
  private static final URI FEED = URI.create("https://kabar.example/rss/");
  private final ItemFinisher finisher =
      new ItemFinisher(new ArticleExtractor(Clock.fixed(NOW, ZoneOffset.UTC)));

  private static Source source(boolean fulltext) {
    Source s = Source.of("kabar", FEED);
    return new Source(s.id(), s.url(), s.title(), s.interval(), s.language(), s.categories(),
        ZoneId.of("Asia/Bishkek"), true, fulltext, ExtractRules.none(), true);
  }

  @Test
  void aPolledEntryIsSanitizedAndItsCanonicalUrlIsTheOneItsIdentityUses() {
    Entry raw = Entry.builder().title("Бюджет <b>утверждён</b>")
        .link("https://kabar.example/news/42?utm_source=rss&id=7")
        .contentHtml("<p onclick=\"x()\">Парламент утвердил бюджет.<script>alert(1)</script>"
            + " <a href=\"/news/41\">Ранее</a></p>")
        .build();
    List<ItemFinisher.Identified> ids = ItemFinisher.identify(List.of(raw));
    FinishedItem item = finisher.finishPolled(source(false), ids, List.of(true), FEED, NOW)
        .get(0);

    assertThat(item.canonicalUrl()).contains("https://kabar.example/news/42?id=7");
    // No GUID: the identity is the canonical link, the same string the item stores.
    assertThat(item.identityKind()).isEqualTo("link");
    assertThat(item.identityHash()).isEqualTo(
        Identities.sha256("link\n" + item.canonicalUrl().orElseThrow()));
    assertThat(item.canonicalUrlHash()).contains(Identities.sha256(item.canonicalUrl().get()));
    assertThat(item.contentHtml().orElseThrow()).doesNotContain("script", "onclick")
        .contains("href=\"https://kabar.example/news/41\"");
    assertThat(item.contentText()).contains("Парламент утвердил бюджет. Ранее");
    assertThat(item.title()).contains("Бюджет утверждён");
    // No date in the feed: first seen stands in, and says so.
    assertThat(item.publishedAt()).isEqualTo(NOW);
    assertThat(item.publishedGuessed()).isTrue();
    assertThat(item.article()).isEmpty();
  }

  @Test
  void aFullTextSourcesNewItemWaitsForItsPageAndAnEditedOneKeepsItsArticle() {
    Entry raw = Entry.builder().id("k-1").title("Короткая новость")
        .link("https://kabar.example/news/43").summaryHtml("<p>Начало… Читать далее</p>")
        .build();
    List<ItemFinisher.Identified> ids = ItemFinisher.identify(List.of(raw, raw.toBuilder()
        .id("k-2").build()));
    List<FinishedItem> items =
        finisher.finishPolled(source(true), ids, List.of(true, false), FEED, NOW);
    assertThat(items.get(0).article()).contains(FinishedArticle.pending());
    assertThat(items.get(1).article()).isEmpty();
  }

  @Test
  void aPagesArticleIsSanitizedWhenFinishedWithItsDateline() {
    String page = """
        <html><head><title>Кабар</title></head><body><article><div class="text">
        <p>Бишкек, 3 июля /Кабар/. Жогорку Кенеш одобрил во втором чтении проект закона о
        республиканском бюджете на 2021 год и плановый период 2022-2023 годов.</p>
        <p onmouseover="steal()">Документ предусматривает рост расходов на образование и
        здравоохранение. <img src="/img/budget.jpg" onerror="alert(2)"></p>
        <script>alert(3)</script>
        <p>Закон направлен на подпись президенту страны в установленном порядке.</p>
        </div></article></body></html>
        """;
    Extraction x = new ArticleExtractor(Clock.fixed(NOW, ZoneOffset.UTC)).extract(
        page.getBytes(StandardCharsets.UTF_8), Optional.of("text/html; charset=utf-8"),
        "https://kabar.example/news/44", ExtractRules.none());
    Article a = ((Extraction.Extracted) x).article();

    FinishedArticle done = ItemFinisher.finishArticle(a, ZoneId.of("Asia/Bishkek"));

    assertThat(done.status()).isEqualTo(FinishedArticle.Status.DONE);
    assertThat(done.html().orElseThrow()).contains("Жогорку Кенеш")
        .contains("src=\"https://kabar.example/img/budget.jpg\"")
        .doesNotContain("script", "onerror", "onmouseover");
    assertThat(done.datelinePlace()).contains("Бишкек");
    assertThat(done.datelineAgency()).contains("Кабар");
    assertThat(done.published()).contains(Instant.parse("2021-07-02T18:00:00Z"));
  }
}
