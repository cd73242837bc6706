package org.newswire.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswire.config.DbSettings;
import org.newswire.config.FetchSettings;
import org.newswire.dedup.Identities;
import org.newswire.dedup.StoryMatcher;
import org.newswire.fetch.CacheHints;
import org.newswire.fetch.FetchResult;
import org.newswire.fetch.Fetcher;
import org.newswire.model.Entry;
import org.newswire.model.ExtractRules;
import org.newswire.model.Source;
import org.newswire.parse.FeedParser;
import org.newswire.store.Database;
import org.newswire.store.TestDatabases;
import org.newswire.testing.MutableClock;

/**
 * Story detection the daemon's way: feeds through the poll path (parse, clean, evidence with
 * the source's line statistics, candidates, placement) into a real MariaDB.
 */
class StoryStageTest {
  private static final Instant T0 = Instant.parse("2024-07-03T06:00:00Z");

  private static DbSettings settings;
  private static Database db;
  private static Fetcher fetcher;
  private static MutableClock clock;
  private static StoryStage stage;
  private static Ingester ingester;

  /** The poll's time, moved by the test. */
  @BeforeAll
  static void open() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    fetcher = new Fetcher(FetchSettings.defaults());
    clock = new MutableClock(T0);
    stage = new StoryStage(new StoryMatcher(), true, Duration.ofHours(72), db.stories());
    ingester = new Ingester(fetcher, new FeedParser(), db.feeds(), RefreshPolicy.fixedInterval(),
        clock, 100, stage);
  }

  @AfterAll
  static void close() {
    fetcher.close();
    db.close();
    TestDatabases.drop(settings);
  }

  private static Source source(String id, boolean stories) {
    return new Source(id, URI.create("https://" + id + ".example/rss"), Optional.empty(),
        Source.DEFAULT_INTERVAL, Optional.of("ru"), List.of(), ZoneId.of("UTC"), true, false,
        ExtractRules.none(), stories);
  }

  /** Polls {@code source} at {@code at}: a feed with one item; returns the item's story. */
  private static long poll(Source source, Instant at, String guid, String title,
      String... paragraphs) {
    clock.set(at);
    StringBuilder html = new StringBuilder();
    for (String p : paragraphs) {
      html.append("<p>").append(p).append("</p>");
    }
    String rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>" + source.id() + "</title><link>https://" + source.id() + ".example/</link>"
        + "<item><guid>" + guid + "</guid><link>https://" + source.id() + ".example/" + guid
        + "</link><title>" + title + "</title><pubDate>"
        + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC))
        + "</pubDate><description><![CDATA[" + html + "]]></description></item>"
        + "</channel></rss>";
    PollReport r = ingester.ingest(source, new FetchResult.Fetched(source.url(), 200,
        rss.getBytes(StandardCharsets.UTF_8), Optional.of("application/rss+xml"),
        Optional.empty(), Optional.empty(), Optional.empty(), CacheHints.none()));
    assertThat(r.inserted()).as(guid).isEqualTo(1);
    return storyOf(source, guid);
  }

  private static long storyOf(Source source, String guid) {
    String identity = Identities.of(List.of(Entry.builder().id(guid).build()),
        u -> Optional.empty()).get(0).hash();
    return db.stories().storiesOf(source.id(), List.of(identity)).get(identity);
  }

  private static final String[] PRESS = {
      "Правительство Кыргызстана утвердило программу строительства 12 новых школ в Ошской и"
          + " Джалал-Абадской областях до конца 2025 года, сообщила пресс-служба кабинета"
          + " министров в среду.",
      "Стоимость программы оценивается в 3,4 миллиарда сомов. Средства выделят из"
          + " республиканского бюджета и кредита Азиатского банка развития, говорится в"
          + " сообщении.",
      "Министр образования Догдуркуль Кендирбаева отметила, что в регионах не хватает более"
          + " 40 тысяч ученических мест, а многие школы работают в три смены.",
      "Первые шесть школ планируется сдать к сентябрю 2024 года. Каждая из них рассчитана на"
          + " 900 учеников, в них будут спортивные залы и компьютерные классы.",
      "Ранее президент Садыр Жапаров поручил ускорить строительство социальных объектов в"
          + " южных регионах страны и взять его под личный контроль губернаторов."};

  @Test
  void aReprintWithAnotherTitleDatelineAndFooterJoinsTheStory() {
    long original = poll(source("kabar", true), T0, "kabar-1",
        "В Кыргызстане построят 12 новых школ", "Бишкек, 3 июля /Кабар/. " + PRESS[0], PRESS[1],
        PRESS[2], PRESS[3], PRESS[4]);
    long reprint = poll(source("sputnik-kg", true), T0.plus(Duration.ofMinutes(40)), "sp-1",
        "Кабмин утвердил строительство школ на юге", "БИШКЕК, 3 июл — Sputnik. " + PRESS[0],
        PRESS[1], PRESS[2], PRESS[3], PRESS[4],
        "При использовании материалов ссылка на Sputnik обязательна.",
        "Читайте также: В Бишкеке открылся новый детский сад");
    assertThat(reprint).isEqualTo(original);
  }

  @Test
  void anExcerptJoinsItsFullText() {
    String[] full = {
        "Нацбанк Кыргызстана повысил учетную ставку до 13 процентов годовых, говорится в"
            + " сообщении регулятора по итогам заседания правления в понедельник.",
        "Решение принято в связи с ускорением инфляции, которая в июне достигла 14,7 процента"
            + " в годовом выражении, отметили в банке.",
        "По прогнозу Нацбанка, инфляция начнет замедляться в четвертом квартале, когда"
            + " проявится эффект повышения ставки и стабилизируются цены на продовольствие.",
        "Следующее заседание по денежно-кредитной политике запланировано на 26 сентября."};
    long story = poll(source("economist-kg", true), T0, "nb-1",
        "Нацбанк повысил учетную ставку до 13%", full);
    long excerpt = poll(source("aggregator", true), T0.plus(Duration.ofHours(1)), "ag-1",
        "Нацбанк повысил учетную ставку до 13%", full[0], "Читать далее");
    assertThat(excerpt).isEqualTo(story);
  }

  @Test
  void twoStoriesInOneOutletsBoilerplateStayApart() {
    Source outlet = source("reprint-site", true);
    String[] footer = {
        "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости"
            + " Кыргызстана и Центральной Азии.",
        "Редакция не несет ответственности за содержание материалов, размещенных"
            + " пользователями, и за комментарии читателей к ним.",
        "Любое использование материалов сайта допускается только с письменного разрешения"
            + " редакции и с активной гиперссылкой на источник.",
        "Реклама на сайте: отдел продаж, телефон в Бишкеке, электронная почта для"
            + " предложений и пресс-релизов."};
    String[] topics = {"футбольный матч", "выставка картин", "ремонт дороги", "цены на бензин",
        "погода в горах", "концерт оркестра", "курс валют", "урожай хлопка",
        "открытие больницы", "выборы мэра", "пожар на складе", "запуск автобусов"};
    // The outlet's history: the footer under every item is what the source learns.
    for (int i = 0; i < topics.length; i++) {
      poll(outlet, T0.minus(Duration.ofHours(60 - i)), "hist-" + i, "Новость про " + topics[i],
          "Сегодня " + (i + 3) + " числа стало известно про " + topics[i] + " в городе номер "
              + (i * 7 + 1) + ", сообщил местный корреспондент.",
          footer[0], footer[1], footer[2], footer[3]);
    }
    long a = poll(outlet, T0, "x-1", "В Караколе открыли новый горнолыжный подъемник",
        "В Караколе в субботу открыли новый кресельный подъемник длиной 1,2 километра.",
        footer[0], footer[1], footer[2], footer[3]);
    long b = poll(outlet, T0.plus(Duration.ofMinutes(30)), "x-2",
        "В Нарыне выпал первый снег",
        "В Нарынской области ночью выпал первый снег, дороги на перевалах обработаны.",
        footer[0], footer[1], footer[2], footer[3]);
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void aSourceWithStoriesOffKeepsEveryItemApart() {
    long original = poll(source("kabar-2", true), T0, "k2-1", "Школы на юге",
        PRESS[0], PRESS[1], PRESS[2], PRESS[3]);
    long copy = poll(source("archive", false), T0.plusSeconds(60), "ar-1", "Школы на юге",
        PRESS[0], PRESS[1], PRESS[2], PRESS[3]);
    long later = poll(source("akipress", true), T0.plusSeconds(120), "ak-1", "Школы на юге",
        PRESS[0], PRESS[1], PRESS[2], PRESS[3]);
    assertThat(copy).isNotEqualTo(original);
    assertThat(later).isEqualTo(original);
  }

  @Test
  void anItemWhoseArticleArrivesJoinsTheStoryItTells() {
    long original = poll(source("kabar-3", true), T0, "k3-1", "Кабмин утвердил программу",
        PRESS[0], PRESS[1], PRESS[2], PRESS[3], PRESS[4]);
    Source teasers = source("teasers", true);
    long teaser = poll(teasers, T0.plusSeconds(60), "t-1", "Школы",
        "Подробности по ссылке.");
    assertThat(teaser).isNotEqualTo(original);
    // The teaser's page gives the whole article.
    String identity = Identities.of(List.of(Entry.builder().id("t-1").build()),
        u -> Optional.empty()).get(0).hash();
    long id = itemIdOf(teasers.id(), identity);
    stage.articleArrived(id, teasers, String.join("\n", PRESS), T0.plusSeconds(300));
    assertThat(storyOf(teasers, "t-1")).isEqualTo(original);
    assertThat(db.stories().inconsistencies()).isZero();
  }

  private static long itemIdOf(String sourceId, String identity) {
    try (var c = db.dataSource().getConnection();
         var s = c.prepareStatement("SELECT id FROM item WHERE source_id = ? AND identity_hash = ?")) {
      s.setString(1, sourceId);
      s.setString(2, identity);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
