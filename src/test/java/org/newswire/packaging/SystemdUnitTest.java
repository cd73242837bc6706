package org.newswire.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped unit says what operators rely on, and systemd accepts it. */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("systemd/newswire.service");

  @Test
  void unitHasTheContractedDirectives() throws Exception {
    String unit = Files.readString(UNIT);
    assertThat(unit).contains("Type=exec", "User=newswire", "StateDirectory=newswire",
        "ConfigurationDirectory=newswire", "Restart=on-failure",
        "ExecReload=/usr/bin/java -jar /opt/newswire/newswire.jar check-config",
        "ExecReload=/bin/kill -HUP $MAINPID", "NoNewPrivileges=yes", "ProtectSystem=strict",
        "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes", "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes", "ProtectControlGroups=yes", "RestrictAddressFamilies=",
        "RestrictNamespaces=yes", "LockPersonality=yes", "SystemCallFilter=@system-service",
        "CapabilityBoundingSet=\n").doesNotContain("MemoryDenyWriteExecute=yes");
    assertThat(Files.readString(Path.of("systemd/newswire.sysusers")))
        .containsPattern("(?m)^u newswire ");
  }

  @Test
  void systemdAnalyzeVerifiesAndRatesItAtMost2point5(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
        "systemd-analyze is not installed here");
    Path copy = dir.resolve("newswire.service");
    Files.copy(UNIT, copy);
    assertThat(run(dir, "/usr/bin/systemd-analyze", "verify", copy.toString())).isEmpty();
    String security = run(dir, "/usr/bin/systemd-analyze", "security", "--offline=true",
        copy.toString());
    var m = java.util.regex.Pattern.compile("Overall exposure level for newswire.service:"
        + " (\\d+\\.\\d)").matcher(security);
    assertThat(m.find()).as(security).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(2.5);
  }

  private static String run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }
}
