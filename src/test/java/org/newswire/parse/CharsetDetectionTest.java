package org.newswire.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswire.model.ParsedFeed;

/** Undeclared and mis-declared documents in other scripts than Cyrillic, and broken UTF-8. */
class CharsetDetectionTest {

  private static String feed(String prolog, String title, String itemTitle, String description) {
    return prolog + "<rss version=\"2.0\"><channel><title>" + title + "</title>"
        + "<link>https://news.example/</link><item><title>" + itemTitle + "</title>"
        + "<link>https://news.example/1</link><description>" + description
        + "</description></item></channel></rss>";
  }

  @ParameterizedTest(name = "{0} undeclared")
  @CsvSource(delimiter = '|', textBlock = """
      GB18030     | 新华社新闻 | 国务院总理今天在北京会见了来访的外国代表团 | 双方就进一步加强经济合作和人文交流等问题深入交换了意见，并签署了多项合作协议。
      Big5        | 中央通訊社 | 行政院長今天在台北會見了來訪的外國代表團 | 雙方就進一步加強經濟合作和人文交流等問題深入交換了意見，並簽署了多項合作協議。
      Shift_JIS   | 共同通信ニュース | 政府は今日、東京で新しい経済対策を発表しました | 首相は記者会見で、物価高への対応として家計を支援するための補正予算を編成する考えを示しました。
      EUC-JP      | 共同通信ニュース | 政府は今日、東京で新しい経済対策を発表しました | 首相は記者会見で、物価高への対応として家計を支援するための補正予算を編成する考えを示しました。
      EUC-KR      | 연합뉴스 속보 | 정부는 오늘 서울에서 새로운 경제 정책을 발표했습니다 | 대통령은 기자회견에서 물가 상승에 대응하기 위해 가계를 지원하는 추가 예산을 편성하겠다고 밝혔습니다.
      windows-1255 | חדשות היום | הממשלה אישרה היום את התקציב החדש לשנה הבאה | ראש הממשלה אמר במסיבת עיתונאים כי התקציב יסייע למשפחות ולעסקים קטנים ברחבי הארץ.
      ISO-8859-7  | Ειδήσεις σήμερα | Η κυβέρνηση ενέκρινε σήμερα τον νέο προϋπολογισμό για το επόμενο έτος | Ο πρωθυπουργός δήλωσε σε συνέντευξη τύπου ότι ο προϋπολογισμός θα βοηθήσει τις οικογένειες και τις μικρές επιχειρήσεις.
      x-windows-874 | ข่าววันนี้ | รัฐบาลอนุมัติงบประมาณใหม่สำหรับปีหน้าในวันนี้ | นายกรัฐมนตรีกล่าวในการแถลงข่าวว่างบประมาณนี้จะช่วยเหลือครอบครัวและธุรกิจขนาดเล็กทั่วประเทศ
      """)
  void undeclaredNonCyrillicIsNotTakenForCyrillic(String charset, String title, String itemTitle,
      String description) {
    Charset cs = Charset.forName(charset);
    byte[] body = feed("", title, itemTitle, description).getBytes(cs);
    ParsedFeed f = Fixtures.parsed(body, Fixtures.ctx(null, null));
    assertThat(f.feed().title()).contains(title);
    assertThat(f.entries().get(0).title()).contains(itemTitle);
    assertThat(f.entries().get(0).summaryHtml()).contains(description);
  }

  @Test
  void utf8WithOneBadByteStaysUtf8WhenDeclaredInTheHeader() {
    byte[] body = withBadByte(feed("", "Новости Центральной Азии",
        "Президент встретился с делегацией", "Стороны обсудили вопросы сотрудничества."));
    ParsedFeed f = Fixtures.parsed(body, Fixtures.ctx("application/rss+xml; charset=utf-8", null));
    assertBadByteReplaced(f);
  }

  @Test
  void utf8WithOneBadByteStaysUtf8WhenDeclaredInTheProlog() {
    byte[] body = withBadByte(feed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "Новости Центральной Азии", "Президент встретился с делегацией",
        "Стороны обсудили вопросы сотрудничества."));
    ParsedFeed f = Fixtures.parsed(body, Fixtures.ctx("text/xml", null));
    assertBadByteReplaced(f);
  }

  @Test
  void utf8WithOneBadByteStaysUtf8WhenUndeclared() {
    byte[] body = withBadByte(feed("", "Новости Центральной Азии",
        "Президент встретился с делегацией", "Стороны обсудили вопросы сотрудничества."));
    assertBadByteReplaced(Fixtures.parsed(body, Fixtures.ctx(null, null)));
  }

  private static void assertBadByteReplaced(ParsedFeed f) {
    assertThat(f.encoding()).isEqualTo("UTF-8");
    assertThat(f.feed().title()).contains("Новости Центральной Азии");
    assertThat(f.entries().get(0).title()).contains("Президент встретился с делегацией");
    assertThat(f.entries().get(0).summaryHtml())
        .contains("Стороны обсудили \uFFFD вопросы сотрудничества.");
  }

  /** The UTF-8 bytes of {@code xml} with a lone 0xFF after "обсудили ". */
  private static byte[] withBadByte(String xml) {
    byte[] utf8 = xml.getBytes(StandardCharsets.UTF_8);
    byte[] marker = "обсудили ".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(utf8, marker) + marker.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(utf8, 0, at);
    out.write(0xFF);
    out.write(' ');
    out.write(utf8, at, utf8.length - at);
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("marker not found");
  }

  @Test
  void mislabelledWindows1251IsStillDetected() {
    String xml = feed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "Новости Центральной Азии",
        "Президент встретился с делегацией", "Стороны обсудили вопросы сотрудничества.");
    ParsedFeed f = Fixtures.parsed(xml.getBytes(Charset.forName("windows-1251")),
        Fixtures.ctx(null, null));
    assertThat(f.encoding()).isEqualTo("windows-1251");
    assertThat(f.entries().get(0).title()).contains("Президент встретился с делегацией");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"UTF-32BE", "UTF-32LE"})
  void utf32WithByteOrderMark(String charset) {
    String xml = "\uFEFF" + feed("<?xml version=\"1.0\" encoding=\"" + charset + "\"?>",
        "Новости", "Курс рубля вырос", "Ελληνικά και 中文");
    ParsedFeed f = Fixtures.parsed(xml.getBytes(Charset.forName(charset)), Fixtures.ctx(null, null));
    assertThat(f.entries().get(0).title()).contains("Курс рубля вырос");
    assertThat(f.entries().get(0).summaryHtml()).contains("Ελληνικά και 中文");
  }

  @Test
  void latin1DeclaredWithC1BytesIsWindows1252() {
    String xml = feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "Café",
        "“Quoted” — 5 € only…", "Déjà vu");
    ParsedFeed f = Fixtures.parsed(xml.getBytes(Charset.forName("windows-1252")),
        Fixtures.ctx(null, null));
    assertThat(f.entries().get(0).title()).contains("“Quoted” — 5 € only…");
    assertThat(f.feed().title()).contains("Café");
  }

  @Test
  void latin1HeaderWithC1BytesIsWindows1252() {
    String xml = feed("", "Café", "“Quoted” — 5 € only…", "Déjà vu");
    ParsedFeed f = Fixtures.parsed(xml.getBytes(Charset.forName("windows-1252")),
        Fixtures.ctx("text/xml; charset=iso-8859-1", null));
    assertThat(f.entries().get(0).title()).contains("“Quoted” — 5 € only…");
  }

  @Test
  void latin1WithoutC1BytesStaysLatin1() {
    String xml = feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "Café", "Déjà vu", "Ça va");
    ParsedFeed f = Fixtures.parsed(xml.getBytes(StandardCharsets.ISO_8859_1), Fixtures.ctx(null, null));
    assertThat(f.encoding()).isEqualTo("ISO-8859-1");
    assertThat(f.entries().get(0).title()).contains("Déjà vu");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Western  | Wait for it… “quoted” — déjà vu
      Russian  | Президент встретился с делегацией
      Greek    | Η κυβέρνηση ενέκρινε τον προϋπολογισμό
      """)
  void doublyEncodedUtf8IsRepaired(String what, String title) {
    String xml = feed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "Feed", title, "text");
    // Encoded to UTF-8, read back as windows-1252 by some CMS (the five bytes windows-1252 leaves
    // undefined read as the C1 controls, as browsers and Python's codecs do), then UTF-8 again.
    StringBuilder mangled = new StringBuilder();
    for (byte b : xml.getBytes(StandardCharsets.UTF_8)) {
      String c = new String(new byte[] {b}, Charset.forName("windows-1252"));
      mangled.append(c.equals("\uFFFD") ? (char) (b & 0xFF) : c.charAt(0));
    }
    byte[] twice = mangled.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(new String(twice, StandardCharsets.UTF_8)).doesNotContain(title);
    ParsedFeed f = Fixtures.parsed(twice, Fixtures.ctx(null, null));
    assertThat(f.entries().get(0).title()).contains(title);
  }

  @Test
  void textThatOnlyLooksDoublyEncodedInPartIsLeftAlone() {
    // "Ã©" next to real Cyrillic: the whole text does not round-trip, so nothing is "repaired".
    String title = "Ã© и Ð в одном заголовке";
    ParsedFeed f = Fixtures.parsed(feed("", "Feed", title, "text"));
    assertThat(f.entries().get(0).title()).contains(title);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gb2312", "GB2312", "gbk", "x-gbk"})
  void gb2312LabelsDecodeAsGb18030(String label) {
    // 𠀀 (U+20000) and € are outside GB2312 and GBK but in GB18030, their superset.
    String xml = feed("<?xml version=\"1.0\" encoding=\"" + label + "\"?>", "新华社",
        "新闻 𠀀 €", "国务院总理今天在北京会见了代表团");
    ParsedFeed f = Fixtures.parsed(xml.getBytes(Charset.forName("GB18030")), Fixtures.ctx(null, null));
    assertThat(f.encoding()).isEqualTo("GB18030");
    assertThat(f.entries().get(0).title()).contains("新闻 𠀀 €");
  }
}
