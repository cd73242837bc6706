package org.newswire.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The feeds' UTF-8 encoder gives the JDK's bytes, however the text is cut into writes. */
class Utf8WriterTest {
  private static final String SAMPLE = "Latin, кириллица ё, 中文, emoji 😀🇰🇬, <&\"'>\n\t €";

  private static byte[] written(String text, Random cuts) {
    Bytes out = new Bytes(4);
    Utf8Writer w = new Utf8Writer(out);
    int i = 0;
    while (i < text.length()) {
      int n = Math.min(text.length() - i, 1 + cuts.nextInt(7));
      if (cuts.nextBoolean()) {
        w.write(text.toCharArray(), i, n);
      } else {
        w.write(text, i, n);
      }
      i += n;
    }
    w.close();
    return out.toByteArray();
  }

  @Test
  void wellFormedTextEncodesAsTheJdkDoesWhereverTheWritesAreCut() {
    Random r = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < 200; k++) {
      text.append(SAMPLE);
    }
    for (int round = 0; round < 50; round++) {
      assertThat(written(text.toString(), r))
          .isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void loneSurrogatesBecomeQuestionMarksAsInTheJdk() {
    String broken = "a\uD83Db\uDE00c\uD83D";
    assertThat(written(broken, new Random(1)))
        .isEqualTo(broken.getBytes(StandardCharsets.UTF_8))
        .isEqualTo("a?b?c?".getBytes(StandardCharsets.UTF_8));
  }
}
