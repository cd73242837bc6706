package org.newswire.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address table, checked entry by entry against the RFCs that define each range. */
class AddressPolicyTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', nullValues = "public", textBlock = """
      127.0.0.1        | loopback
      127.255.0.9      | loopback
      ::1              | loopback
      10.1.2.3         | private
      172.16.0.1       | private
      172.31.255.255   | private
      172.32.0.1       | public
      192.168.1.1      | private
      169.254.169.254  | link-local, cloud metadata
      169.254.10.1     | link-local
      fe80::1          | link-local
      fc00::1          | private
      fd00:ec2::254    | private
      0.0.0.0          | unspecified
      ::               | unspecified
      100.64.0.1       | carrier-grade NAT
      100.100.100.200  | carrier-grade NAT
      100.128.0.1      | public
      224.0.0.1        | multicast
      ff02::1          | multicast
      255.255.255.255  | reserved
      192.0.2.10       | documentation
      198.18.0.1       | benchmarking
      ::ffff:127.0.0.1 | loopback
      64:ff9b::a00:1   | private, inside IPv6
      2002:7f00:1::    | loopback, inside IPv6
      8.8.8.8          | public
      77.88.55.242     | public
      212.42.100.5     | public
      2a00:1450:4001:81a::200e | public
      """)
  void classifies(String address, String expected) throws Exception {
    assertThat(AddressPolicy.refusal(InetAddress.getByName(address)))
        .isEqualTo(Optional.ofNullable(expected));
  }
}
