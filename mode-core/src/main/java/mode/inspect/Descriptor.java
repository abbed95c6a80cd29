package mode.inspect;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running worker publishes about its inspect agent: a JSON file (mode 0600) next to its
 * socket in the {@link InspectDirectory}. Immutable.
 *
 * @param protocol the protocol version the agent speaks
 * @param pid the worker's process id
 * @param name the worker's name
 * @param mainClass the worker's main class, or an empty string when unknown
 * @param startedAt when the worker's JVM started
 * @param socket the absolute path of the agent's Unix domain socket
 * @param tcpHost the TCP listener's address when {@code --inspect=HOST:PORT} was given, else null
 * @param tcpPort the TCP listener's port, else null
 * @param token the secret a TCP client must send first, else null
 */
public record Descriptor(
    int protocol,
    long pid,
    String name,
    String mainClass,
    Instant startedAt,
    String socket,
    String tcpHost,
    Integer tcpPort,
    String token) {

  /**
   * Checks the required components.
   *
   * @throws NullPointerException if {@code name}, {@code mainClass}, {@code startedAt} or {@code
   *     socket} is null
   */
  public Descriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(socket, "socket");
  }

  /** {@return the agent's Unix domain socket} */
  public InspectTarget.Unix unixTarget() {
    return new InspectTarget.Unix(Path.of(socket));
  }

  /** {@return the agent's TCP listener with its token; empty when it has none} */
  public Optional<InspectTarget.Tcp> tcpTarget() {
    return tcpHost == null || tcpPort == null || token == null
        ? Optional.empty()
        : Optional.of(new InspectTarget.Tcp(tcpHost, tcpPort, token));
  }
}
