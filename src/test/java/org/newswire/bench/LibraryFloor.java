package org.newswire.bench;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The least any feed aggregator must spend on the same items: Rome parses each feed, Jsoup
 * cleans each item's HTML (one parse giving both the safe HTML and its text), the items of a
 * feed go to MariaDB as one multi-row upsert in one transaction, and Lucene indexes each item's
 * title and text with its stock analyzer for the feed's language into an index kept in time
 * order (search is part of the work since issue 15; {@code FLOOR_SEARCH=off} leaves it out, as
 * floors before 2026-12-01 did). Nothing else — no charset sniffing, identities, dedup
 * look-ups, state, scheduling, stories. Its CPU time per item is the denominator of the
 * pipeline/floor ratio.
 */
final class LibraryFloor {
  private static final int FEEDS_PER_BATCH = 50; // generated outside the measured windows

  record Result(long items, double cpuSeconds, double wallSeconds) {}

  private LibraryFloor() {}

  /**
   * Runs the floor in a JVM of its own, started with the daemon's JVM options, so that both
   * sides of the ratio pay for the same collector and heap and start equally cold. Usage:
   * {@code LibraryFloor SEED WARM_FEEDS FIRST COUNT JDBC_URL USER PASSWORD}; prints
   * {@code FLOOR items cpu_seconds wall_seconds}.
   */
  public static void main(String[] args) throws Exception {
    SyntheticFeeds feeds = new SyntheticFeeds(Long.parseLong(args[0]), FixtureServer.BASE_URL);
    int warm = Integer.parseInt(args[1]);
    try (Connection c = java.sql.DriverManager.getConnection(args[4], args[5],
        args.length > 6 ? args[6] : "")) {
      if (warm > 0) {
        run(feeds, 0, warm, c); // JIT warm-up on the daemon's unmeasured feeds
      }
      Result r = run(feeds, Integer.parseInt(args[2]), Integer.parseInt(args[3]), c);
      System.out.printf(java.util.Locale.ROOT, "FLOOR %d %.6f %.6f%n", r.items(), r.cpuSeconds(),
          r.wallSeconds());
    }
  }

  /** Runs sources {@code from .. from+count-1} (generation 0) through the floor. */
  static Result run(SyntheticFeeds feeds, int from, int count, Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_floor_item LIKE item");
    }
    int sources = from + count;
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    Safelist safelist = Safelist.relaxed().addProtocols("img", "src", "http", "https");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long items = 0;
    long cpuNanos = 0;
    long wallNanos = 0;
    boolean search = !"off".equals(System.getenv("FLOOR_SEARCH"));
    Path dir = Files.createTempDirectory("newswire-floor-index");
    IndexWriter index = search ? new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(
        new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of("ru", new RussianAnalyzer(),
            "en", new EnglishAnalyzer())))
        .setIndexSort(new Sort(new SortField("published", SortField.Type.LONG, true)))
        .setRAMBufferSizeMB(64)) : null;
    try {
      for (int first = from; first < sources; first += FEEDS_PER_BATCH) {
        int last = Math.min(sources, first + FEEDS_PER_BATCH);
        byte[][] bodies = new byte[last - first][];
        for (int s = first; s < last; s++) {
          bodies[s - first] = feeds.feed(s, 0);
        }
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int s = first; s < last; s++) {
          items += one(bodies[s - first], "s" + s, safelist, sha, c, index);
        }
        if (index != null && last == sources) {
          index.commit();
        }
        cpuNanos += os.getProcessCpuTime() - cpu0;
        wallNanos += System.nanoTime() - wall0;
      }
    } finally {
      if (index != null) {
        index.close();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return new Result(items, cpuNanos / 1e9, wallNanos / 1e9);
  }

  private static int one(byte[] body, String sourceId, Safelist safelist, MessageDigest sha,
      Connection c, IndexWriter index) throws Exception {
    SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body)));
    String lang = feed.getLanguage() != null && feed.getLanguage().startsWith("en") ? "en" : "ru";
    List<SyndEntry> entries = feed.getEntries();
    Timestamp now = Timestamp.from(Instant.now());
    StringBuilder sql = new StringBuilder("INSERT INTO bench_floor_item (source_id,"
        + " identity_hash, identity_kind, guid, link, title, summary_html, summary_text,"
        + " categories_json, content_hash, published_at, first_seen_at) VALUES ");
    for (int i = 0; i < entries.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?)");
    }
    sql.append(" ON DUPLICATE KEY UPDATE title = VALUES(title),"
        + " summary_html = VALUES(summary_html), content_hash = VALUES(content_hash)");
    c.setAutoCommit(false);
    try (PreparedStatement p = c.prepareStatement(sql.toString())) {
      int k = 1;
      for (SyndEntry e : entries) {
        String html = e.getDescription() != null ? e.getDescription().getValue()
            : e.getContents().stream().map(SyndContent::getValue).findFirst().orElse("");
        Document dirty = Jsoup.parseBodyFragment(html, e.getLink());
        Document clean = new Cleaner(safelist).clean(dirty);
        String guid = e.getUri();
        p.setString(k++, sourceId);
        p.setString(k++, hex(sha, "guid\n" + guid));
        p.setString(k++, "guid");
        p.setString(k++, guid);
        p.setString(k++, e.getLink());
        p.setString(k++, e.getTitle());
        p.setString(k++, clean.body().html());
        p.setString(k++, clean.body().text());
        p.setString(k++, e.getCategories().isEmpty() ? null
            : "[\"" + e.getCategories().get(0).getName() + "\"]");
        p.setString(k++, hex(sha, e.getTitle() + "\n" + html));
        Instant published = e.getPublishedDate() != null ? e.getPublishedDate().toInstant()
            : e.getUpdatedDate().toInstant();
        p.setTimestamp(k++, Timestamp.from(published));
        p.setTimestamp(k++, now);
        if (index != null) {
          org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
          d.add(new StringField("key", sourceId + "/" + guid, Field.Store.NO));
          d.add(new NumericDocValuesField("published", published.toEpochMilli()));
          d.add(new TextField(lang, e.getTitle() + "\n" + clean.body().text(), Field.Store.NO));
          index.addDocument(d);
        }
      }
      p.executeUpdate();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    return entries.size();
  }

  private static String hex(MessageDigest sha, String s) {
    return HexFormat.of().formatHex(sha.digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
