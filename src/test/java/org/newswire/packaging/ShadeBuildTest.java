package org.newswire.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * {@code mvn verify} straight after {@code mvn package} must not shade the shaded jar again:
 * the shade plugin replaces the main artifact (target/newswire.jar) in place, and the jar
 * plugin, finding that file "up to date", would keep it as the input of the next shading
 * (≈ 460 warnings about overlapping classes, and a jar built from a jar).
 */
class ShadeBuildTest {
  @Test
  void theJarPluginBuildsAFreshJarWhenTheShadedOneReplacesIt() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = f.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    XPath x = XPathFactory.newInstance().newXPath();
    String plugin = "/project/build/plugins/plugin[artifactId='%s']";
    String shade = plugin.formatted("maven-shade-plugin");
    assertThat(x.evaluate(shade + "/artifactId", pom)).isEqualTo("maven-shade-plugin");
    boolean replacesMainJar =
        !x.evaluate(shade + "//shadedArtifactAttached", pom).strip().equals("true")
            && x.evaluate(shade + "//outputFile", pom).isBlank();
    assertThat(replacesMainJar).isTrue(); // the README's target/newswire.jar is the shaded one
    assertThat(x.evaluate(plugin.formatted("maven-jar-plugin") + "/configuration/forceCreation",
        pom).strip()).isEqualTo("true");
  }
}
