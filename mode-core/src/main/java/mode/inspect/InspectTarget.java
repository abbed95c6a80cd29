package mode.inspect;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a client attaches: a worker's Unix domain socket, or its loopback TCP port with the token
 * from its descriptor. Immutable.
 */
public sealed interface InspectTarget {

  /**
   * A worker's Unix domain socket; the file's permissions (0600) are the access control.
   *
   * @param socket the path of the socket file
   */
  record Unix(Path socket) implements InspectTarget {
    /**
     * Checks the path.
     *
     * @throws NullPointerException if {@code socket} is null
     */
    public Unix {
      Objects.requireNonNull(socket, "socket");
    }

    @Override
    public String toString() {
      return socket.toString();
    }
  }

  /**
   * A worker's TCP listener; {@code token} is sent before anything else.
   *
   * @param host the host name or address the worker listens on
   * @param port the TCP port, 1 to 65535
   * @param token the token from the worker's descriptor
   */
  record Tcp(String host, int port, String token) implements InspectTarget {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code host} or {@code token} is null
     * @throws IllegalArgumentException if {@code port} is not in 1..65535
     */
    public Tcp {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(token, "token");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be in 1..65535, was " + port);
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
