package mode.inspector.connection;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import mode.inspect.Descriptor;
import mode.inspect.InspectDirectory;
import mode.inspect.InspectTarget;

/**
 * What to attach to, as the user named it: a local worker (by pid, found in the inspect
 * directory, and found again by name after it restarts) or a TCP address with its token.
 *
 * <p>Immutable.
 */
public sealed interface AttachTarget {

  /** A worker of this machine, known by its descriptor. */
  record Local(InspectDirectory directory, Descriptor descriptor) implements AttachTarget {}

  /** A worker's TCP listener. */
  record Tcp(String host, int port, String token) implements AttachTarget {}

  /**
   * Parses the {@code --attach} value: a pid, or {@code host:port} (then {@code token} is needed).
   *
   * @throws IllegalArgumentException with a message for the user: no such worker, a missing
   *     token, a malformed address
   * @throws IOException if the inspect directory cannot be read
   */
  static AttachTarget parse(String value, String token, InspectDirectory directory) throws IOException {
    String v = value.strip();
    if (v.matches("\\d+")) {
      long pid = Long.parseLong(v);
      return directory.workers().stream().filter(d -> d.pid() == pid).findFirst()
          .<AttachTarget>map(d -> new Local(directory, d))
          .orElseThrow(() -> new IllegalArgumentException(
              "No mode worker with pid " + pid + " runs as this user (looked in " + directory.path() + ")"));
    }
    int colon = v.lastIndexOf(':');
    if (colon <= 0 || !v.substring(colon + 1).matches("\\d{1,5}")) {
      throw new IllegalArgumentException("'" + value + "' is neither a pid nor host:port");
    }
    int port = Integer.parseInt(v.substring(colon + 1));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " of '" + value + "' is not in 1..65535");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Attaching to " + v + " over TCP needs the worker's token (--token, from its descriptor)");
    }
    return new Tcp(v.substring(0, colon), port, token.strip());
  }

  /** The worker's name when known in advance. */
  default Optional<String> name() {
    return this instanceof Local local ? Optional.of(local.descriptor().name()) : Optional.empty();
  }

  /** Where to connect now; for a local worker that went away, a live worker of the same name. */
  default Optional<InspectTarget> resolve(boolean again) throws IOException {
    return switch (this) {
      case Tcp tcp -> Optional.of(new InspectTarget.Tcp(tcp.host(), tcp.port(), tcp.token()));
      case Local local -> {
        if (!again) {
          yield Optional.of(local.descriptor().unixTarget());
        }
        List<Descriptor> live = local.directory().workers();
        yield live.stream()
            .filter(d -> d.name().equals(local.descriptor().name()))
            .findFirst()
            .map(Descriptor::unixTarget);
      }
    };
  }

  /** How the user would name it. */
  default String describe() {
    return switch (this) {
      case Tcp tcp -> tcp.host() + ":" + tcp.port();
      case Local local -> local.descriptor().name() + " (pid " + local.descriptor().pid() + ")";
    };
  }
}
