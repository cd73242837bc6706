package org.newswire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code newswire import-opml}: every outline it does not add is named, with the reason. */
class ImportOpmlCommandTest {
  @TempDir Path dir;

  @Test
  void reportsEachSkippedOutlineAndCountsThem() throws Exception {
    Files.writeString(dir.resolve("newswire.yml"), "sources_file: sources.yml\n");
    Files.writeString(dir.resolve("sources.yml"), """
        sources:
          - id: tass
            url: https://tass.ru/rss/v2.xml
        """);
    Path opml = dir.resolve("subscriptions.opml");
    Files.writeString(opml, """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Агентства</title></head><body>
          <outline text="Кыргызстан">
            <outline type="rss" text="Кабар" xmlUrl="https://kabar.kg/rss/"/>
            <outline type="link" text="АКИpress" url="https://akipress.org/"/>
          </outline>
          <outline type="rss" text="ТАСС" xmlUrl="https://tass.ru/rss/v2.xml"/>
          <outline type="rss" text="Архив" xmlUrl="ftp://archive.example.ru/news.xml"/>
          <outline type="rss" text="Без адреса"/>
        </body></opml>
        """);
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(new StringWriter(), true));

    int exit = cmd.execute("import-opml", "--config", dir.resolve("newswire.yml").toString(),
        opml.toString());

    assertThat(exit).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "added   kabar  https://kabar.kg/rss/",
        "skipped https://akipress.org/ \"АКИpress\" (type=\"link\": a web page, not a feed;"
            + " give its feed's URL as xmlUrl)",
        "skipped ftp://archive.example.ru/news.xml \"Архив\" (xmlUrl is not an http(s) URL)",
        "skipped \"Без адреса\" (no xmlUrl: not a feed)",
        "skipped https://tass.ru/rss/v2.xml (already configured)",
        "1 feeds added to " + dir.resolve("sources.yml") + ", 4 outlines skipped");
  }
}
