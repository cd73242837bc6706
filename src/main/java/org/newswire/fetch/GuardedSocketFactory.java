package org.newswire.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Function;
import javax.net.SocketFactory;

/**
 * Makes sockets that check the address they are about to connect to against {@link
 * AddressPolicy}. The check sits here, at the last moment before the TCP handshake, because only
 * here is every path covered: hostnames and IP-literal URLs alike, every redirect hop, every
 * address OkHttp tries for one host, and a DNS answer that changed since the last look-up (DNS
 * rebinding). A DNS hook alone would miss IP literals.
 */
final class GuardedSocketFactory extends SocketFactory {

  /** Why a connection to this address is refused, or empty to allow it. */
  private final Function<InetSocketAddress, Optional<String>> policy;

  /** The production policy: {@link AddressPolicy}. */
  GuardedSocketFactory() {
    this(target -> AddressPolicy.refusal(target.getAddress()));
  }

  /** Tests stand a loopback server in for "the public internet" with their own policy. */
  GuardedSocketFactory(Function<InetSocketAddress, Optional<String>> policy) {
    this.policy = policy;
  }

  /** Thrown from {@code connect}; OkHttp passes it through (possibly as a suppressed exception). */
  static final class AddressRefusedException extends IOException {
    final InetAddress address;
    final String why;

    AddressRefusedException(InetAddress address, String why) {
      super("refused to connect to " + address.getHostAddress() + " (" + why + ")");
      this.address = address;
      this.why = why;
    }
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port),
        new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress... local)
      throws IOException {
    Socket socket = new GuardedSocket();
    try {
      if (local.length > 0) socket.bind(local[0]);
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private final class GuardedSocket extends Socket {
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
        // OkHttp always hands over a resolved address (we use no proxy); anything else is odd
        // enough to refuse rather than let the JDK resolve it behind the policy's back.
        throw new IOException("refused to connect to unresolved address " + endpoint);
      }
      Optional<String> refusal = policy.apply(inet);
      if (refusal.isPresent()) {
        close();
        throw new AddressRefusedException(inet.getAddress(), refusal.get());
      }
      super.connect(endpoint, timeout);
    }
  }
}
