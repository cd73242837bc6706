package org.newswire.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Deterministic news-like feeds for the benchmark: source {@code s} at generation {@code g}
 * lists items {@code 2g .. 2g+49} (newest first), so each generation adds 2 new items and drops
 * the 2 oldest. Even sources are RSS 2.0, odd ones Atom; every third source writes in English,
 * the rest in Russian. Each item carries ~2 KB of HTML (paragraphs, links, images, emphasis), so
 * a feed is ~100 KB, like a busy agency's.
 *
 * <p>Words come from a news vocabulary of about 100 common words plus 20,000 generated ones drawn
 * with a skew (a few frequent, most rare), so two unrelated items share words the way real news
 * does, not most of their title. One item in ten is another agency's item of the same language
 * reprinted with this agency's dateline and footer: stories of two, as agencies republish.
 */
final class SyntheticFeeds {
  static final int ITEMS = 50;
  static final int NEW_PER_GENERATION = 2;
  private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
  private static final DateTimeFormatter RFC822 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private static final String[] RU = ("министр переговоры торговля энергетика саммит столица "
      + "меморандум сотрудничество образование культура парламент бюджет правительство экономика "
      + "рост инфляция банк курс рубль сом тенге доллар нефть газ экспорт импорт граница транспорт "
      + "железная дорога аэропорт регион область город район жители выборы депутат закон проект "
      + "реформа налог пенсия здравоохранение больница школа университет студент спорт чемпионат "
      + "команда матч победа погода снег дождь мороз урожай зерно фермер президент премьер визит "
      + "делегация соглашение договор безопасность учения ведомство сообщили заявил отметил "
      + "по словам в рамках в ходе встречи на территории в течение года").split(" ");
  private static final String[] EN = ("minister talks trade energy summit capital memorandum "
      + "cooperation education culture parliament budget government economy growth inflation "
      + "bank rate currency oil gas exports imports border transport railway airport region "
      + "province city district residents election deputy law draft reform tax pension health "
      + "hospital school university students sport championship team match victory weather snow "
      + "rain frost harvest grain farmers president premier visit delegation agreement treaty "
      + "security drills agency said noted according to during the meeting this year").split(" ");

  private static final String[] RU_SYLLABLES = ("ка ро ми ста не ло вар тен дро пол зи гу шан бек"
      + " ов ев ин ма ра то са ли да ко ну жа ба ве ги лу тор бай гор ден кир мур рат сул").split(" ");
  private static final String[] EN_SYLLABLES = ("ka ro mi sta ne lo var ten dro pol zi gu shan bek"
      + " ov ev in ma ra to sa li da ko nu ja ba ve gi lu tor bay gor den kir mur rat sul").split(" ");
  private static final String[] RU_RARE = generated(RU_SYLLABLES, 20_000, 11);
  private static final String[] EN_RARE = generated(EN_SYLLABLES, 20_000, 13);
  /** Share of items that reprint another agency's item. */
  private static final int REPRINT_ONE_IN = 10;

  private final long seed;
  private final String baseUrl;

  /** @param baseUrl where item links point, e.g. {@code http://127.0.0.1:8080} */
  SyntheticFeeds(long seed, String baseUrl) {
    this.seed = seed;
    this.baseUrl = baseUrl;
  }

  static boolean isAtom(int source) {
    return source % 2 == 1;
  }

  static String guid(int source, int item) {
    return "urn:newswire-bench:" + source + ":" + item;
  }

  static String etag(int source, int generation) {
    return "\"s" + source + "-g" + generation + "\"";
  }

  byte[] feed(int source, int generation) {
    StringBuilder b = new StringBuilder(110_000);
    boolean english = source % 3 == 0;
    int newest = NEW_PER_GENERATION * generation + ITEMS - 1;
    if (isAtom(source)) {
      b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"").append(english ? "en" : "ru")
          .append("\">\n<title>").append(english ? "Bench Agency " : "Агентство ").append(source)
          .append("</title>\n<id>urn:newswire-bench:feed:").append(source).append("</id>\n")
          .append("<link href=\"").append(baseUrl).append("/news/").append(source).append("\"/>\n")
          .append("<updated>").append(time(newest)).append("</updated>\n");
      for (int k = newest; k > newest - ITEMS; k--) {
        b.append("<entry>\n<id>").append(guid(source, k)).append("</id>\n<title>");
        escape(b, title(source, k, english));
        b.append("</title>\n<link rel=\"alternate\" href=\"").append(link(source, k))
            .append("\"/>\n<updated>").append(time(k)).append("</updated>\n<published>")
            .append(time(k)).append("</published>\n<author><name>")
            .append(english ? "Staff writer" : "Корреспондент").append("</name></author>\n")
            .append("<category term=\"").append(english ? "politics" : "политика")
            .append("\"/>\n<content type=\"html\">");
        escape(b, body(source, k, english));
        b.append("</content>\n</entry>\n");
      }
      b.append("</feed>\n");
    } else {
      b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
          + "<title>").append(english ? "Bench Agency " : "Агентство ").append(source)
          .append("</title>\n<link>").append(baseUrl).append("/news/").append(source)
          .append("</link>\n<description>").append(english ? "News" : "Новости")
          .append("</description>\n<language>").append(english ? "en" : "ru")
          .append("</language>\n<lastBuildDate>").append(RFC822.format(instant(newest)))
          .append("</lastBuildDate>\n");
      for (int k = newest; k > newest - ITEMS; k--) {
        b.append("<item>\n<title>");
        escape(b, title(source, k, english));
        b.append("</title>\n<link>").append(link(source, k)).append("</link>\n")
            .append("<guid isPermaLink=\"false\">").append(guid(source, k)).append("</guid>\n")
            .append("<pubDate>").append(RFC822.format(instant(k))).append("</pubDate>\n")
            .append("<category>").append(english ? "Politics" : "Политика").append("</category>\n")
            .append("<description><![CDATA[").append(body(source, k, english))
            .append("]]></description>\n</item>\n");
      }
      b.append("</channel>\n</rss>\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String link(int source, int k) {
    return baseUrl + "/news/" + source + "/" + k + ".html";
  }

  private static Instant instant(int k) {
    return EPOCH.plusSeconds(600L * k);
  }

  private static String time(int k) {
    return instant(k).toString();
  }

  private SplittableRandom random(int source, int k) {
    return new SplittableRandom(seed * 1_000_003L + source * 10_007L + k);
  }

  /**
   * The agency whose item {@code k} this source reprints (same language, another source), or
   * {@code source} itself for an item of its own.
   */
  private int author(int source, int k) {
    SplittableRandom r = random(source, k).split().split();
    if (source < 3 || r.nextInt(REPRINT_ONE_IN) != 0) {
      return source;
    }
    // Sources of one language are those with the same source % 3 == 0 test.
    int other = r.nextInt(source);
    while ((other % 3 == 0) != (source % 3 == 0)) {
      other = (other + 1) % source;
    }
    return other;
  }

  private String title(int source, int k, boolean english) {
    int author = author(source, k);
    if (author != source) {
      return title(author, k, english);
    }
    SplittableRandom r = random(source, k);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      String word = word(r, english, true);
      b.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
          .append(' ');
    }
    return b.append("— ").append(english ? "report No. " : "сообщение № ").append(k).toString();
  }

  /** About 2 KB of HTML: four paragraphs, a link, an image, emphasis, an entity or two. */
  private String body(int source, int k, boolean english) {
    int author = author(source, k);
    SplittableRandom r = random(author, k).split();
    StringBuilder b = new StringBuilder(2400);
    if (author != source) {
      b.append(english ? "<p>BISHKEK, Jan 3 (Bench Agency " : "<p>Бишкек, 3 января /Агентство ")
          .append(source).append(english ? ") -</p>" : "/.</p>");
    }
    b.append("<p><img src=\"").append(baseUrl).append("/img/").append(source).append('/')
        .append(k).append(".jpg\" alt=\"").append(word(r, english, false))
        .append("\" width=\"640\" height=\"360\"></p>");
    for (int p = 0; p < 4; p++) {
      b.append(p == 1 ? "<p class=\"lead\" style=\"color:red\">" : "<p>");
      for (int i = 0; i < 36; i++) {
        String word = word(r, english, false);
        if (i == 5 && p == 2) {
          b.append("<a href=\"").append(link(source, k - 1)).append("\">").append(word)
              .append("</a> ");
        } else if (i == 12) {
          b.append("<b>").append(word).append("</b> ");
        } else {
          b.append(word).append(r.nextInt(10) == 0 ? ", " : " ");
        }
      }
      b.append(r.nextInt(1_000_000)).append(" &amp; ").append(r.nextInt(100)).append("%.</p>");
    }
    if (author != source) {
      b.append(english ? "<p>Reprinted by Bench Agency " : "<p>Перепечатано агентством ")
          .append(source).append(".</p>");
    }
    b.append("<script>track(").append(k).append(")</script>");
    return b.toString();
  }

  /**
   * A word: a common one (function words, frequent news words) or, more often in titles, one
   * of the generated vocabulary, skewed towards its first words as word frequencies are.
   */
  private static String word(SplittableRandom r, boolean english, boolean title) {
    if (r.nextInt(10) < (title ? 3 : 5)) {
      String[] w = english ? EN : RU;
      return w[r.nextInt(w.length)];
    }
    String[] rare = english ? EN_RARE : RU_RARE;
    return rare[(int) (rare.length * Math.pow(r.nextDouble(), 2))];
  }

  private static String[] generated(String[] syllables, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
    while (words.size() < n) {
      StringBuilder w = new StringBuilder();
      for (int i = 2 + r.nextInt(3); i > 0; i--) {
        w.append(syllables[r.nextInt(syllables.length)]);
      }
      words.add(w.toString());
    }
    return words.toArray(new String[0]);
  }

  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
  }
}
