package org.newswire.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageDecoderTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final String TEXT = "Министр иностранных дел Кыргызстана провел встречу с послом.";

  private static byte[] html(String head, Charset cs) {
    return ("<html><head>" + head + "</head><body><p>" + TEXT + "</p></body></html>").getBytes(cs);
  }

  @Test
  void httpHeaderCharsetDecodesWindows1251() {
    PageDecoder.Decoded d = PageDecoder.decode(html("", CP1251),
        Optional.of("text/html; charset=windows-1251"));
    assertThat(d.charset()).isEqualTo(CP1251);
    assertThat(d.text()).contains(TEXT);
  }

  @Test
  void metaCharsetAndHttpEquivAreRead() {
    PageDecoder.Decoded a = PageDecoder.decode(html("<meta charset=\"cp1251\">", CP1251),
        Optional.empty());
    PageDecoder.Decoded b = PageDecoder.decode(html(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", CP1251),
        Optional.of("text/html"));
    assertThat(a.text()).contains(TEXT);
    assertThat(b.text()).contains(TEXT);
    assertThat(b.charset()).isEqualTo(CP1251);
  }

  @Test
  void undeclaredWindows1251IsDetected() {
    PageDecoder.Decoded d = PageDecoder.decode(html("", CP1251), Optional.empty());
    assertThat(d.charset()).isEqualTo(CP1251);
    assertThat(d.text()).contains(TEXT);
  }

  @Test
  void validUtf8DeclaredAsWindows1251IsReadAsUtf8() {
    byte[] bytes = html("<meta charset=\"windows-1251\">", StandardCharsets.UTF_8);
    PageDecoder.Decoded d = PageDecoder.decode(bytes, Optional.of("text/html; charset=windows-1251"));
    assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(d.text()).contains(TEXT);
  }

  @Test
  void windows1251BytesBehindAUtf8HeaderAreDetected() {
    PageDecoder.Decoded d = PageDecoder.decode(html("", CP1251), Optional.of("text/html; charset=utf-8"));
    assertThat(d.text()).contains(TEXT);
  }

  @Test
  void utf8WithAStrayBadByteStaysUtf8() {
    byte[] good = html("<meta charset=\"utf-8\">", StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(good, good.length + 1);
    bytes[good.length] = (byte) 0xFF;
    PageDecoder.Decoded d = PageDecoder.decode(bytes, Optional.empty());
    assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(d.text()).contains(TEXT);
  }

  @Test
  void byteOrderMarkWinsOverDeclarations() {
    byte[] body = html("<meta charset=\"windows-1251\">", StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    PageDecoder.Decoded d = PageDecoder.decode(bytes, Optional.of("text/html; charset=koi8-r"));
    assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    assertThat(d.text()).startsWith("<html>").contains(TEXT);
  }

  @Test
  void latin1LabelMeansWindows1252() {
    byte[] bytes = "<p>Caf\u00e9 \u201cquoted\u201d</p>".getBytes(Charset.forName("windows-1252"));
    PageDecoder.Decoded d = PageDecoder.decode(bytes, Optional.of("text/html; charset=ISO-8859-1"));
    assertThat(d.text()).contains("Café “quoted”");
  }
}
