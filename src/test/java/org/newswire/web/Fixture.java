package org.newswire.web;

import static org.newswire.store.Items.item;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.newswire.config.DbSettings;
import org.newswire.dedup.Identities;
import org.newswire.fulltext.ArticleExtractor;
import org.newswire.ingest.ItemFinisher;
import org.newswire.model.Enclosure;
import org.newswire.model.Entry;
import org.newswire.model.FinishedItem;
import org.newswire.model.Source;
import org.newswire.store.Database;
import org.newswire.store.FeedStore;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;

/**
 * A database with four agencies' items, written through the real write path, and a running
 * server over it. Written by hand so the expected values below are known without the code.
 */
final class Fixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  static final String STORY = "https://story.example/2024/03/01/meeting";
  static final String XSS_TITLE = "<script>alert(1)</script> & \"quotes\"\u0001 end";

  static final List<Source> SOURCES = List.of(
      Servers.source("tass", "ТАСС", "ru", "politics", "world"),
      Servers.source("ria", "РИА Новости", "ru-RU", "politics"),
      Servers.source("kabar", "Kabar", "ky", "economy"),
      Servers.source("evil", "Evil <b>Agency</b>", "en", "misc"));

  final DbSettings settings;
  final Database db;
  final FeedStore store;

  Fixture() {
    settings = TestDatabases.createFresh();
    db = Database.open(settings);
    store = db.feeds();
    Items.poll(store, "tass", T0, List.of(item("t1")
        .title("Президент встретился с министром")
        .link(STORY + "?utm_source=tass").canonical(STORY)
        .content("<p>Полный текст. <a href=\"https://story.example/more\" rel=\"noopener"
            + " noreferrer\">Далее</a></p>", "Полный текст. Далее") // as finished: safe HTML
        .author("Иван Петров")
        .categories("Политика", "Кремль")
        .enclosures(new Enclosure("https://cdn.tass.example/photo.jpg", Optional.of("image/jpeg"),
            OptionalLong.of(48213)))
        .published(T0).build()));
    // The same story from a second agency, seen later: one entry, naming both.
    Items.poll(store, "ria", T0.plusSeconds(120), List.of(
        item("r1").title("Президент провёл встречу").link(STORY + "?from=ria").canonical(STORY)
            .published(T0.plusSeconds(60)).build(),
        item("r2").title("Экономика растёт третий месяц").link("https://ria.example/econ")
            .published(T0.plusSeconds(3600)).build()));
    Items.poll(store, "kabar", T0.plusSeconds(180), List.of(item("k1")
        .title("Бюджет Кыргызстана утверждён").link("https://kabar.example/budget")
        .summary("<p>Парламент утвердил бюджет</p>", "Парламент утвердил бюджет")
        .published(T0.minusSeconds(3600)).build()));
    // Hostile markup goes through ingest's finishing step, as every stored item does: publish
    // renders what is stored.
    Entry hostile = Entry.builder().id("e1").title(XSS_TITLE).link("javascript:alert(1)")
        .contentHtml("<p onclick=\"steal()\">Hi<script>alert(2)</script>"
            + "<img src=\"x\" onerror=\"alert(3)\"><a href=\"javascript:alert(4)\">x</a>"
            + "<iframe src=\"https://evil.example\"></iframe></p>")
        .summaryHtml("<svg onload=alert(5)>s</svg>")
        .published(T0.minusSeconds(7200)).build();
    FinishedItem finished = new ItemFinisher(new ArticleExtractor(Clock.systemUTC()))
        .finishPolled(SOURCES.get(3), ItemFinisher.identify(List.of(hostile)), List.of(true),
            SOURCES.get(3).url(), T0)
        .get(0).toBuilder().identity(Identities.sha256("guid:e1"), "guid").build();
    Items.poll(store, "evil", T0.plusSeconds(240), List.of(finished));
  }

  static String entryId(String source, String key) {
    return "urn:newswire:item:" + source + ":" + Identities.sha256("guid:" + key);
  }

  @Override
  public void close() {
    db.close();
    TestDatabases.drop(settings);
  }
}
