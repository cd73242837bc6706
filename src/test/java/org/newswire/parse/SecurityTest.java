package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.model.ParsedFeed;

/** XXE and entity expansion are impossible; a harmless DOCTYPE is removed, never processed. */
class SecurityTest {

  @Test
  void externalFileEntityIsRefusedAndNothingIsRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n  <!ENTITY xxe SYSTEM \""
        + secret.toUri() + "\">\n]>\n<rss version=\"2.0\"><channel><title>&xxe;</title>"
        + "<item><title>&xxe;</title></item></channel></rss>";
    String reason = Fixtures.unreadable(xml);
    assertThat(reason).contains("entities").doesNotContain("TOP-SECRET");
  }

  @Test
  void parameterEntityDoctypeIsRefused(@TempDir Path dir) throws Exception {
    String xml = "<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"http://127.0.0.1:1/x.dtd\"> %remote;]>"
        + "<rss version=\"2.0\"><channel><title>x</title></channel></rss>";
    assertThat(Fixtures.unreadable(xml)).contains("entities");
  }

  @Test
  @Timeout(5)
  void billionLaughsIsRefusedQuickly() {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
        + " <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      b.append(" <!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      b.append("\">\n");
    }
    b.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
    assertThat(Fixtures.unreadable(b.toString())).contains("entities");
  }

  @Test
  void netscapeDoctypeIsRemovedAndTheFeedRead() {
    ParsedFeed f = Fixtures.parsed(Fixtures.bytes("rss091-netscape.xml"), Fixtures.ctx(null, null));
    assertThat(f.entries().get(0).summaryHtml()).contains("A new café — with «quotes».");
  }

  @Test
  void doctypeHiddenAfterCommentsIsStillHandled() {
    String xml = "<!-- c --><!DOCTYPE rss SYSTEM \"http://127.0.0.1:1/rss.dtd\">"
        + "<rss version=\"0.91\"><channel><title>ok</title><link>http://x.example/</link>"
        + "<description>d</description><language>en</language></channel></rss>";
    assertThat(Fixtures.parsed(xml).feed().title()).contains("ok");
  }
}
