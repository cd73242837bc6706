package org.newswire.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden pairs: dirty HTML in, the exact safe HTML out (checked by hand). */
class HtmlSanitizerTest {
  private static final String BASE = "https://news.example.kz/a/b.html";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      <p>ok<script>alert(1)</script></p>                     | <p>ok</p>
      <a href="javascript:alert(1)">x</a>                    | <a rel="noopener noreferrer">x</a>
      <a href=" JaVaScRiPt:alert(1)">x</a>                   | <a rel="noopener noreferrer">x</a>
      <a href="java&#9;script:alert(1)">x</a>                | <a rel="noopener noreferrer">x</a>
      <a href=" /rel ">x</a>                                 | <a href="https://news.example.kz/rel" rel="noopener noreferrer">x</a>
      <img src="data:image/png;base64,iVBORw0KGgo=">         | <img src="data:image/png;base64,iVBORw0KGgo=">
      <img src="x.png" onerror="alert(1)">                   | <img src="https://news.example.kz/a/x.png">
      <svg onload="alert(1)"><circle r="1"/></svg>text       | text
      <p style="background:url(javascript:alert(1))">s</p>  | <p>s</p>
      <iframe srcdoc="<script>alert(1)</script>"></iframe>ok | ok
      <a href="data:text/html;base64,PHNjcmlwdD4=">d</a>     | <a rel="noopener noreferrer">d</a>
      <form action="/x"><input name="q"></form>f             | f
      <object data="x.swf"></object><embed src="y.swf">e     | e
      <base href="http://evil.example/"><meta http-equiv="refresh" content="0">m | m
      <style>p{color:red}</style><p>s</p>                    | <p>s</p>
      <a href="/rel?utm_source=rss&amp;id=3&amp;fbclid=X">r</a> | <a href="https://news.example.kz/rel?id=3" rel="noopener noreferrer">r</a>
      <a href="mailto:ed@example.kz">m</a>                   | <a href="mailto:ed@example.kz" rel="noopener noreferrer">m</a>
      <img src="https://t.example/p.gif" width="1" height="1">t | t
      <p onclick="x()" class="c" id="i">p</p>                | <p>p</p>
      <a href="../../pogoda/">w</a>                          | <a href="https://news.example.kz/pogoda/" rel="noopener noreferrer">w</a>
      <img src="./../img/./a.jpg">                           | <img src="https://news.example.kz/img/a.jpg">
      <a href="//news.example.kz/x/../y">p</a>               | <a href="https://news.example.kz/y" rel="noopener noreferrer">p</a>
      <a href="https://news.example.kz/a/../../b">a</a>      | <a href="https://news.example.kz/b" rel="noopener noreferrer">a</a>
      <b>bold</b> <i>it</i> <blockquote>q</blockquote>       | <b>bold</b> <i>it</i> <blockquote>q</blockquote>
      """)
  void goldenPairs(String dirty, String clean) {
    assertThat(HtmlSanitizer.sanitize(dirty, BASE)).isEqualTo(clean);
    // The same from a tree the caller already parsed, which must come out unchanged.
    Element parsed = Jsoup.parseBodyFragment(dirty, BASE).body();
    String before = parsed.outerHtml();
    assertThat(HtmlSanitizer.sanitize(parsed, BASE)).as("from a parsed tree").isEqualTo(clean);
    assertThat(parsed.outerHtml()).isEqualTo(before);
  }

  @Test
  void dataImagesOfRasterTypesMayStay() {
    String png = "<img src=\"data:image/png;base64,iVBORw0KGgo=\">";
    String svg = "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">";
    assertThat(HtmlSanitizer.sanitize(png + svg, BASE)).doesNotContain("svg");
  }

  @Test
  void toTextPutsOneParagraphPerLine() {
    assertThat(HtmlSanitizer.toText("<p>Первый  абзац</p><p>Второй<br>строка</p>"
        + "<script>x()</script><ul><li>a</li><li>b &amp; c</li></ul>"))
        .isEqualTo("Первый абзац\nВторой\nстрока\na\nb & c");
  }

  @Test
  void deeplyNestedHtmlComesOutBoundedInDepthAndKeepsItsText() {
    int depth = 100_000;
    String dirty = "<p>Начало</p>" + "<div>".repeat(depth) + "Глубокий <b>текст</b> статьи"
        + "</div>".repeat(depth) + "<p>Конец</p>";

    HtmlSanitizer.Sanitized out = HtmlSanitizer.sanitizeWithText(dirty, BASE);

    Element body = Jsoup.parseBodyFragment(out.html()).body();
    assertThat(maxDepth(body)).isLessThanOrEqualTo(HtmlSanitizer.MAX_DEPTH);
    assertThat(out.html()).hasSizeLessThan(100 * HtmlSanitizer.MAX_DEPTH);
    assertThat(body.text()).isEqualTo("Начало Глубокий текст статьи Конец");
    assertThat(out.text()).contains("Глубокий текст статьи").contains("Конец");
  }

  @Test
  void nestingWithinTheBoundKeepsItsMarkup() {
    String dirty = "<div>".repeat(10) + "<p><a href=\"/x\">ссылка</a></p>" + "</div>".repeat(10);

    assertThat(HtmlSanitizer.sanitize(dirty, BASE)).isEqualTo("<div>".repeat(10)
        + "<p><a href=\"https://news.example.kz/x\" rel=\"noopener noreferrer\">ссылка</a></p>"
        + "</div>".repeat(10));
  }

  private static int maxDepth(Element root) {
    int max = 0;
    for (Element e : root.getAllElements()) {
      int d = 0;
      for (Element p = e; p != root; p = p.parent()) {
        d++;
      }
      max = Math.max(max, d);
    }
    return max;
  }
}
