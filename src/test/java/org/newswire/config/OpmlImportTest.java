package org.newswire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswire.model.Source;

class OpmlImportTest {
  @TempDir Path dir;
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void appendsNewFeedsKeepingCommentsAndSkippingKnownOnes() throws Exception {
    Path sources = dir.resolve("sources.yml");
    Files.writeString(sources, """
        # our agencies
        sources:
          - id: tass
            url: https://tass.ru/rss/v2.xml
        """);
    Path opml = dir.resolve("feeds.opml");
    Files.writeString(opml, """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Подписки</title></head><body>
          <outline text="Кыргызстан">
            <outline type="rss" text="Кабар" title="Кабар новости" xmlUrl="https://kabar.kg/rss/"/>
            <outline type="rss" text="24.kg" xmlUrl="https://24.kg/rss/"/>
          </outline>
          <outline type="rss" text="ТАСС" xmlUrl="https://tass.ru/rss/v2.xml"/>
          <outline type="rss" text="Not a feed" xmlUrl="javascript:alert(1)"/>
        </body></opml>
        """);
    OpmlImport.Result r = OpmlImport.importInto(opml, sources, loader);
    assertThat(r.added()).extracting(Source::id).containsExactly("kabar-novosti", "24-kg");
    assertThat(r.added().get(0).categories()).containsExactly("Кыргызстан");
    assertThat(r.added().get(0).title()).contains("Кабар новости");
    assertThat(r.skipped()).containsExactly(
        "javascript:alert(1) \"Not a feed\" (xmlUrl is not an http(s) URL)",
        "https://tass.ru/rss/v2.xml (already configured)");
    String text = Files.readString(sources);
    assertThat(text).startsWith("# our agencies\n");
    List<Source> all = ((Loaded.Valid<List<Source>>) loader.loadSources(sources)).value();
    assertThat(all).extracting(Source::id).containsExactly("tass", "kabar-novosti", "24-kg");

    // Importing again adds nothing.
    assertThat(OpmlImport.importInto(opml, sources, loader).added()).isEmpty();
  }

  @Test
  void opmlWithExternalEntityIsRefusedWithoutReadingIt() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    Path sources = dir.resolve("sources.yml");
    Files.writeString(sources, "sources:\n");
    Path opml = dir.resolve("evil.opml");
    Files.writeString(opml, "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]><opml><body><outline text=\"&x;\" xmlUrl=\"https://e.org/r\"/>"
        + "</body></opml>");
    assertThatThrownBy(() -> OpmlImport.importInto(opml, sources, loader))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not readable OPML");
    assertThat(Files.readString(sources)).doesNotContain("TOP-SECRET").isEqualTo("sources:\n");
  }

  @Test
  void slugsTransliterateCyrillic() {
    assertThat(OpmlImport.slug("Кабар — Политика")).isEqualTo("kabar-politika");
    assertThat(OpmlImport.slug("AKIpress News")).isEqualTo("akipress-news");
    assertThat(OpmlImport.slug("Щёлково Ёж")).isEqualTo("shchelkovo-ezh");
    assertThat(OpmlImport.slug("Новый Кыргызстан")).isEqualTo("novyy-kyrgyzstan");
    assertThat(OpmlImport.slug("Café Élysée")).isEqualTo("cafe-elysee");
    assertThat(OpmlImport.slug("!!!")).isEqualTo("feed");
  }
}
