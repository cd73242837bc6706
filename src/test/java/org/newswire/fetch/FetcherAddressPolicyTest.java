package org.newswire.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newswire.fetch.TestSupport.CLOCK;
import static org.newswire.fetch.TestSupport.settings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.newswire.config.FetchSettings;
import org.newswire.fetch.FetchResult.Failed;
import org.newswire.fetch.FetchResult.Fetched;
import org.newswire.fetch.FetchResult.Kind;

/**
 * The private-address policy on real connections. MockWebServer only listens on loopback, so
 * where a test needs a reachable "public" server, a test policy lets exactly that server's port
 * through and judges every other address with the real {@link AddressPolicy}.
 */
class FetcherAddressPolicyTest {

  private static final FetchSettings GUARDED = settings().withAllowPrivateNetworks(false);

  @StartStop private final MockWebServer server = new MockWebServer();
  @StartStop private final MockWebServer internal = new MockWebServer();

  @Test
  void ipLiteralLoopbackUrlIsRefused() {
    URI url = URI.create("http://127.0.0.1:" + internal.getPort() + "/admin");
    FetchResult result = fetchGuarded(url);
    assertThat(result).isEqualTo(Failures.failed(Kind.ADDRESS_REFUSED,
        "refused to connect to 127.0.0.1 (loopback) for " + url
            + "; set fetch.allow_private_networks: true to allow"));
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void ipv6LoopbackLiteralIsRefused() {
    Failed failed = (Failed) fetchGuarded(URI.create("http://[::1]:" + internal.getPort() + "/"));
    assertThat(failed.kind()).isEqualTo(Kind.ADDRESS_REFUSED);
    assertThat(failed.reason()).contains("(loopback)");
  }

  @Test
  void hostnameResolvingToLoopbackIsRefused() {
    URI url = URI.create("http://localhost:" + internal.getPort() + "/rss");
    Failed failed = (Failed) fetchGuarded(url);
    assertThat(failed.kind()).isEqualTo(Kind.ADDRESS_REFUSED);
    assertThat(failed.reason()).matches("refused to connect to \\S+ \\(loopback\\) for "
        + java.util.regex.Pattern.quote(url.toString()) + "; set fetch.allow_private_networks:"
        + " true to allow");
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void cloudMetadataAddressIsRefusedBeforeAnyPacketIsSent() {
    long start = System.nanoTime();
    Failed failed = (Failed) fetchGuarded(
        URI.create("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
    assertThat(failed.kind()).isEqualTo(Kind.ADDRESS_REFUSED);
    assertThat(failed.reason()).startsWith(
        "refused to connect to 169.254.169.254 (link-local, cloud metadata) for http://");
    // A real connect attempt would wait for the connect timeout (2 s); the refusal does not.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void redirectToALoopbackAddressIsRefused() {
    String target = "http://127.0.0.1:" + internal.getPort() + "/secret";
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", target).build());
    internal.enqueue(new MockResponse.Builder().body("secret").build());

    try (Fetcher fetcher = new Fetcher(GUARDED, CLOCK, serverCountsAsPublic())) {
      FetchResult result = fetcher.fetch(FetchRequest.of(server.url("/rss").uri()));
      assertThat(result).isEqualTo(Failures.failed(Kind.ADDRESS_REFUSED,
          "refused to connect to 127.0.0.1 (loopback) for " + target
              + "; set fetch.allow_private_networks: true to allow"));
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void theSameRedirectIsFollowedWhenPrivateNetworksAreAllowed() {
    server.enqueue(new MockResponse.Builder().code(302)
        .setHeader("Location", "http://127.0.0.1:" + internal.getPort() + "/feed").build());
    internal.enqueue(new MockResponse.Builder().body("intranet feed").build());
    try (Fetcher fetcher = new Fetcher(settings(), CLOCK)) {
      assertThat(fetcher.fetch(FetchRequest.of(server.url("/rss").uri())))
          .isInstanceOf(Fetched.class);
    }
    assertThat(internal.getRequestCount()).isEqualTo(1);
  }

  private FetchResult fetchGuarded(URI url) {
    try (Fetcher fetcher = new Fetcher(GUARDED, CLOCK)) {
      return fetcher.fetch(FetchRequest.of(url));
    }
  }

  private GuardedSocketFactory serverCountsAsPublic() {
    return new GuardedSocketFactory(target -> target.getPort() == server.getPort()
        ? Optional.empty()
        : AddressPolicy.refusal(target.getAddress()));
  }
}
