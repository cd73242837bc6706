package org.newswire.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of RFC 3986 §5.4, normal and abnormal, against their base. */
class UriResolutionTest {
  private static final URI BASE = URI.create("http://a/b/c/d;p?q");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      g          | http://a/b/c/g
      ./g        | http://a/b/c/g
      g/         | http://a/b/c/g/
      /g         | http://a/g
      //g        | http://g
      ?y         | http://a/b/c/d;p?y
      g?y        | http://a/b/c/g?y
      #s         | http://a/b/c/d;p?q#s
      g#s        | http://a/b/c/g#s
      ;x         | http://a/b/c/;x
      .          | http://a/b/c/
      ./         | http://a/b/c/
      ..         | http://a/b/
      ../        | http://a/b/
      ../g       | http://a/b/g
      ../..      | http://a/
      ../../     | http://a/
      ../../g    | http://a/g
      ../../../g | http://a/g
      ../../../../g | http://a/g
      /./g       | http://a/g
      /../g      | http://a/g
      g.         | http://a/b/c/g.
      .g         | http://a/b/c/.g
      g..        | http://a/b/c/g..
      ..g        | http://a/b/c/..g
      ./../g     | http://a/b/g
      ./g/.      | http://a/b/c/g/
      g/./h      | http://a/b/c/g/h
      g/../h     | http://a/b/c/h
      http://x/a/../../b/./c | http://x/b/c
      """)
  void resolvesAsRfc3986Does(String ref, String expected) {
    assertThat(UriResolution.resolve(BASE, URI.create(ref))).hasToString(expected);
  }

  @ParameterizedTest(name = "{1} against {0}")
  @CsvSource(delimiter = '|', textBlock = """
      https://kabar.kg            | ../../pogoda/ | https://kabar.kg/pogoda/
      https://kabar.kg            | news/1        | https://kabar.kg/news/1
      https://kabar.kg/ru/news/   | ../../pogoda/ | https://kabar.kg/pogoda/
      https://kabar.kg/ru/news/1  | ../../pogoda/?city=osh | https://kabar.kg/pogoda/?city=osh
      """)
  void agencyLinksNeverClimbAboveTheRoot(String base, String ref, String expected) {
    assertThat(UriResolution.resolve(URI.create(base), URI.create(ref))).hasToString(expected);
  }
}
