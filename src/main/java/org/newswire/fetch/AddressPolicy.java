package org.newswire.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a fetch may not reach unless private networks are allowed: anything that is not
 * the public internet, because a feed URL (or a redirect) pointing there is how a feed reader is
 * turned against the machine it runs on (SSRF: the cloud metadata service, a database port on
 * localhost, the office router).
 */
final class AddressPolicy {

  private AddressPolicy() {}

  /** Why {@code address} is refused (e.g. "loopback"), or empty when it is a public address. */
  static Optional<String> refusal(InetAddress address) {
    if (address instanceof Inet4Address) {
      return ipv4(address.getAddress());
    }
    if (address instanceof Inet6Address) {
      return ipv6(address.getAddress());
    }
    return Optional.of("unknown address family");
  }

  private static Optional<String> ipv4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 169 && b1 == 254 && b2 == 169 && (a[3] & 0xff) == 254) {
      return Optional.of("link-local, cloud metadata");
    }
    if (b0 == 0) return Optional.of("unspecified"); // 0.0.0.0/8 "this network"
    if (b0 == 127) return Optional.of("loopback");
    if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
      return Optional.of("private"); // RFC 1918
    }
    if (b0 == 169 && b1 == 254) return Optional.of("link-local");
    if (b0 == 100 && (b1 & 0xc0) == 64) return Optional.of("carrier-grade NAT"); // RFC 6598
    if (b0 == 192 && b1 == 0 && b2 == 0) return Optional.of("IETF protocol assignment");
    if (b0 == 198 && (b1 & 0xfe) == 18) return Optional.of("benchmarking"); // RFC 2544
    if ((b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100)
        || (b0 == 203 && b1 == 0 && b2 == 113)) {
      return Optional.of("documentation"); // RFC 5737
    }
    if (b0 >= 224 && b0 <= 239) return Optional.of("multicast");
    if (b0 >= 240) return Optional.of("reserved"); // 240/4 and the broadcast address
    return Optional.empty();
  }

  private static Optional<String> ipv6(byte[] a) {
    if (isZero(a, 0, 15)) {
      return Optional.of(a[15] == 0 ? "unspecified" : a[15] == 1 ? "loopback" : "reserved");
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    if (b0 == 0xff) return Optional.of("multicast");
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return Optional.of("link-local"); // fe80::/10
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return Optional.of("site-local"); // fec0::/10
    if ((b0 & 0xfe) == 0xfc) return Optional.of("private"); // fc00::/7 unique local
    // Addresses that carry an IPv4 address inside are judged by that address, so that
    // [::ffff:127.0.0.1] or a NAT64 form of 10.0.0.1 does not slip through.
    if (isZero(a, 0, 10) && ((a[10] & a[11] & 0xff) == 0xff || (a[10] | a[11]) == 0)) {
      return embedded(a, 12); // IPv4-mapped ::ffff:0:0/96 and IPv4-compatible ::/96
    }
    if (b0 == 0x00 && b1 == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b
        && isZero(a, 4, 12)) {
      return embedded(a, 12); // NAT64 64:ff9b::/96 (RFC 6052)
    }
    if (b0 == 0x20 && b1 == 0x02) return embedded(a, 2); // 6to4 2002::/16 (RFC 3056)
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] a, int offset) {
    byte[] v4 = {a[offset], a[offset + 1], a[offset + 2], a[offset + 3]};
    return ipv4(v4).map(reason -> reason + ", inside IPv6");
  }

  private static boolean isZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) return false;
    }
    return true;
  }
}
