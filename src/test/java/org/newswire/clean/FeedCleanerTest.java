package org.newswire.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newswire.model.Entry;
import org.newswire.model.FeedInfo;
import org.newswire.model.ParsedFeed;
import org.newswire.model.Person;

class FeedCleanerTest {

  @Test
  void entryFieldsBecomeSafeHtmlAndPlainText() {
    Entry raw = Entry.builder()
        .title("  Summit <b>ends</b> &amp;\n more ")
        .link("https://agency.example.kz/n/1?utm_source=rss")
        .author("<i>Анна</i>  Петрова")
        .addAuthor(Person.named("<b>Анна</b>"))
        .summaryHtml("<p>One</p><p>Two <img src=\"/i.png\" onerror=\"x()\"></p>")
        .contentHtml("<script>x()</script><p>Body <a href=\"/more\">more</a></p>")
        .comments("javascript:alert(1)")
        .build();
    ParsedFeed out = FeedCleaner.clean(new ParsedFeed("UTF-8", "rss_2.0", FeedInfo.empty(),
        List.of(raw)), Optional.of(URI.create("https://agency.example.kz/rss")));
    Entry e = out.entries().get(0);
    assertThat(e.title()).contains("Summit ends & more");
    assertThat(e.link()).contains("https://agency.example.kz/n/1");
    assertThat(e.author()).contains("Анна Петрова");
    assertThat(e.authors()).extracting(p -> p.name().orElse("")).containsExactly("Анна");
    assertThat(e.summaryHtml()).contains("<p>One</p><p>Two <img src=\"https://agency.example.kz/i.png\"></p>");
    assertThat(e.summaryText()).contains("One\nTwo");
    assertThat(e.contentHtml()).contains(
        "<p>Body <a href=\"https://agency.example.kz/more\" rel=\"noopener noreferrer\">more</a></p>");
    assertThat(e.contentText()).contains("Body more");
    assertThat(e.comments()).isEmpty();
  }

  @Test
  void nonHttpItemLinkIsDropped() {
    Entry raw = Entry.builder().title("t").link("javascript:alert(1)").build();
    ParsedFeed out = FeedCleaner.clean(new ParsedFeed("UTF-8", "rss_2.0", FeedInfo.empty(),
        List.of(raw)), Optional.empty());
    assertThat(out.entries().get(0).link()).isEmpty();
  }
}
