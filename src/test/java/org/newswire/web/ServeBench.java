package org.newswire.web;

import static org.newswire.store.Items.item;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.CompressedContentFormat;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.newswire.config.DbSettings;
import org.newswire.config.HttpSettings;
import org.newswire.model.FinishedItem;
import org.newswire.model.Source;
import org.newswire.store.Database;
import org.newswire.store.Items;
import org.newswire.store.TestDatabases;

/**
 * Benchmark server (not a test): seeds a fresh database with N realistic items through
 * FeedStore, starts the WebServer, and serves a static copy of /feed.atom (with a precompressed
 * .gz beside it) from the same Jetty at /static-feed.xml. Prints READY and runs until killed.
 * Usage: ServeBench PORT ITEMS [keep]: with {@code keep} the seeded database
 * ({@code nwbench_serve_ITEMS}) is kept and a later run with the same ITEMS reuses it, because
 * seeding a million items takes many minutes.
 */
public final class ServeBench {
  private static final String PARA = "<p>Министр иностранных дел провёл переговоры с коллегами "
      + "из соседних государств. Стороны обсудили вопросы торговли, транспорта и энергетики, "
      + "а также подготовку к предстоящему саммиту в столице. По итогам встречи подписан "
      + "меморандум о сотрудничестве в области образования и культуры.</p>";

  private static final String[] WORDS = ("министр переговоры торговля энергетика саммит "
      + "столица меморандум сотрудничество образование культура парламент бюджет правительство "
      + "экономика рост инфляция банк курс рубль сом доллар нефть газ экспорт импорт граница "
      + "транспорт железная дорога аэропорт регион область город район жители выборы депутат "
      + "закон проект реформа налог пенсия здравоохранение больница школа университет студент "
      + "спорт чемпионат команда матч победа погода снег дождь мороз урожай зерно фермер "
      + "президент премьер визит делегация соглашение договор безопасность армия учения")
      .split(" ");

  private ServeBench() {}

  /** About 2 KB of varied Cyrillic prose per item, so gzip ratios are realistic. */
  private static String text(int k) {
    java.util.Random r = new java.util.Random(k);
    StringBuilder b = new StringBuilder();
    for (int p = 0; p < 4; p++) {
      b.append("<p>");
      for (int w = 0; w < 45; w++) {
        b.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(9) == 0 ? ", " : " ");
      }
      b.append(r.nextInt(100_000)).append(".</p>");
    }
    return b.toString();
  }

  /**
   * Items 0..n-1, item k one minute after item k-1, round robin over the sources, in polls of up
   * to 1,000 items of one source (one transaction each) so that a million items seed in minutes.
   */
  private static void seed(Database db, List<Source> sources, int n) {
    Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
    int perPoll = 1000;
    int round = perPoll * sources.size();
    long started = System.nanoTime();
    for (int start = 0; start < n; start += round) {
      for (int s = 0; s < sources.size(); s++) {
        List<FinishedItem> batch = new ArrayList<>();
        for (int k = start + s; k < Math.min(n, start + round); k += sources.size()) {
          batch.add(item("bench-" + k)
              .title("Новость номер " + k + ": переговоры министров в столице")
              .link("https://agency" + s + ".example/news/" + k)
              .content(PARA + text(k), "text " + k)
              .categories("Политика", "Мир")
              .published(t0.plusSeconds(60L * k)).build());
        }
        if (!batch.isEmpty()) {
          Items.poll(db.feeds(), sources.get(s).id(), t0.plusSeconds(60L * start), batch);
        }
      }
      if ((start / round) % 10 == 9) {
        System.out.printf("seeded %d of %d items in %.0f s%n", Math.min(n, start + round), n,
            (System.nanoTime() - started) / 1e9);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    boolean keep = args.length > 2 && args[2].equals("keep");
    DbSettings settings = keep ? TestDatabases.named("nwbench_serve_" + n)
        : TestDatabases.createFresh();
    Database db = Database.open(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      db.close();
      if (!keep) {
        TestDatabases.drop(settings);
      }
    }));
    List<Source> sources = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      sources.add(Servers.source("agency" + s, "Агентство " + s, "ru", "politics"));
    }
    long present = db.items().latestChange().maxId();
    if (present >= n) {
      System.out.println("reusing " + settings.url().orElseThrow() + " (" + present + " items)");
    } else {
      if (present > 0) {
        throw new IllegalStateException(settings.url().orElseThrow() + " holds only " + present
            + " items (an interrupted seeding?): drop it and run again");
      }
      seed(db, sources, n);
    }
    HttpSettings http = new HttpSettings(new java.net.InetSocketAddress("127.0.0.1", port),
        new java.net.InetSocketAddress("127.0.0.1", 0), java.util.Optional.of(
            URI.create("http://127.0.0.1:" + port + "/")), "Newswire", "urn:newswire:bench",
        java.time.Duration.ofSeconds(60));
    List<Source> fixed = List.copyOf(sources);
    WebServer web = new WebServer(db.items(), http, () -> fixed);
    Path dir = Files.createTempDirectory("newswire-bench");
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.root().newResource(dir));
    files.setPrecompressedFormats(CompressedContentFormat.GZIP);
    files.setDirAllowed(false);
    web.addReaderRoute("/static-feed.xml", files);
    web.start();
    HttpResponse<byte[]> feed = Http.get("http://127.0.0.1:" + port + "/feed.atom");
    HttpResponse<byte[]> gz = Http.get("http://127.0.0.1:" + port + "/feed.atom",
        "Accept-Encoding", "gzip");
    Files.write(dir.resolve("static-feed.xml"), feed.body());
    Files.write(dir.resolve("static-feed.xml.gz"), gz.body());
    System.out.println("READY port=" + port + " items=" + n + " feed_bytes="
        + feed.body().length + " gzip_bytes=" + gz.body().length
        + " etag=" + gz.headers().firstValue("ETag").orElse("?"));
    Thread.currentThread().join();
  }
}
