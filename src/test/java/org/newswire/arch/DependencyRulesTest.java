package org.newswire.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture note's rules (../shared/design/architecture.md), checked on the bytecode. */
class DependencyRulesTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    // The compiled main classes only: scanning the classpath for the package would open every
    // jar, the embedded MariaDB's 140 MB among them.
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(java.nio.file.Path.of("target/classes"));
  }

  @Test
  void modelUsesOnlyTheJdk() {
    classes().that().resideInAPackage("org.newswire.model..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.newswire.model..", "java..")
        .check(main);
  }

  @Test
  void eachLibraryHasOneHome() {
    noClasses().that().resideOutsideOfPackage("org.newswire.fetch..")
        .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
        .check(main);
    noClasses().that().resideOutsideOfPackages("org.newswire.parse..", "org.newswire.publish..")
        .should().dependOnClassesThat().resideInAPackage("com.rometools..")
        .check(main);
    noClasses().that().resideOutsideOfPackage("org.newswire.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.flywaydb..",
            "com.zaxxer..", "ch.vorburger..")
        .check(main);
    noClasses().that().resideOutsideOfPackage("org.newswire.schedule..")
        .should().dependOnClassesThat().resideInAPackage("org.quartz..")
        .check(main);
    noClasses().that().resideOutsideOfPackage("org.newswire.web..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
        .check(main);
    noClasses().that().resideOutsideOfPackage("org.newswire.charset..")
        .should().dependOnClassesThat().resideInAPackage("com.ibm.icu..")
        .check(main);
    // The search index in search; analyzers for story stemming in dedup.
    noClasses().that().resideOutsideOfPackages("org.newswire.search..", "org.newswire.dedup..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..",
            "org.tartarus.snowball..")
        .check(main);
  }

  @Test
  void charsetUsesOnlyTheJdkAndItsDetector() {
    classes().that().resideInAPackage("org.newswire.charset..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("org.newswire.charset..", "java..", "com.ibm.icu.text..")
        .check(main);
  }

  @Test
  void stagesArePureAndNeverReachIntoIoOrTheirCallers() {
    noClasses().that().resideInAnyPackage("org.newswire.parse..", "org.newswire.clean..",
            "org.newswire.fulltext..", "org.newswire.dedup..")
        .should().dependOnClassesThat().resideInAnyPackage("org.newswire.fetch..",
            "org.newswire.store..", "org.newswire.ingest..", "org.newswire.schedule..",
            "org.newswire.publish..", "org.newswire.web..", "org.newswire.cli..")
        .check(main);
  }

  @Test
  void searchReadsTheStoreAndNothingReadsIntoIt() {
    classes().that().resideInAPackage("org.newswire.search..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("org.newswire.search..",
            "org.newswire.store..", "java..", "org.apache.lucene..", "org.tartarus.snowball..",
            "io.micrometer..", "org.slf4j..")
        .check(main);
    noClasses().that().resideInAnyPackage("org.newswire.store..", "org.newswire.ingest..",
            "org.newswire.fetch..", "org.newswire.parse..", "org.newswire.dedup..")
        .should().dependOnClassesThat().resideInAPackage("org.newswire.search..")
        .check(main);
  }

  @Test
  void dependenciesPointOneWay() {
    noClasses().that().resideInAnyPackage("org.newswire.store..", "org.newswire.fetch..",
            "org.newswire.config..")
        .should().dependOnClassesThat().resideInAnyPackage("org.newswire.ingest..",
            "org.newswire.schedule..", "org.newswire.publish..", "org.newswire.web..",
            "org.newswire.cli..")
        .check(main);
    noClasses().that().resideInAnyPackage("org.newswire.ingest..", "org.newswire.schedule..",
            "org.newswire.publish..", "org.newswire.web..")
        .should().dependOnClassesThat().resideInAPackage("org.newswire.cli..")
        .check(main);
    slices().matching("org.newswire.(*)..").should().beFreeOfCycles().check(main);
  }
}
