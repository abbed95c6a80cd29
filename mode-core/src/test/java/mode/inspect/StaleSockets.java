package mode.inspect;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/** Leaves real Unix domain socket files behind, as a worker killed with {@code kill -9} does. */
final class StaleSockets {

  private StaleSockets() {}

  /** Binds a socket at {@code path} and closes it; the socket file stays. Returns {@code path}. */
  static Path leave(Path path) throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
    }
    return path;
  }
}
