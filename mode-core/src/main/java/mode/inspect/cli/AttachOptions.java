package mode.inspect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import mode.inspect.Descriptor;
import mode.inspect.InspectDirectory;
import mode.inspect.InspectTarget;
import picocli.CommandLine.Option;

/**
 * How a command finds its worker: by pid, by descriptor file, by {@code host:port} and token, or
 * (with none of these) the only worker running.
 */
final class AttachOptions {

  @Option(names = "--pid", paramLabel = "PID", description = "Attach to the worker with this process id.")
  Long pid;

  @Option(names = "--descriptor", paramLabel = "FILE", description = "Attach with this descriptor file (<pid>-<n>.json).")
  Path descriptor;

  @Option(names = "--connect", paramLabel = "HOST:PORT",
      description = "Attach over TCP (a worker started with --inspect=HOST:PORT); needs --token.")
  String connect;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "The token from the worker's descriptor, for --connect (default: $MODE_INSPECT_TOKEN).")
  String token;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "The folder of running workers (default: $MODE_INSPECT_DIR, $XDG_RUNTIME_DIR/mode-inspect or <tmp>/mode-inspect-<user>).")
  Path dir;

  /** The folder to look for workers in. */
  InspectDirectory directory() throws IOException {
    return InspectDirectory.open(dir != null ? dir : InspectDirectory.defaultPath());
  }

  /**
   * The target these options name.
   *
   * @throws IOException if no worker matches, or several do; the message says which exist
   */
  InspectTarget target() throws IOException {
    if (connect != null) {
      return tcpTarget();
    }
    if (descriptor != null) {
      return InspectDirectory.read(descriptor).unixTarget();
    }
    InspectDirectory directory = directory();
    List<Descriptor> workers = directory.workers();
    List<Descriptor> candidates = pid == null ? workers : workers.stream().filter(d -> d.pid() == pid).toList();
    if (candidates.size() == 1) {
      return candidates.getFirst().unixTarget();
    }
    String what = pid == null ? "running worker" : "worker with pid " + pid;
    if (candidates.isEmpty()) {
      throw new IOException("no " + what + " found in " + directory.path());
    }
    throw new IOException(candidates.size() + " workers running; choose one with "
        + (pid == null ? "--pid" : "--descriptor") + ": " + String.join(", ",
            candidates.stream().map(d -> d.pid() + " (" + d.name() + ", " + d.socket() + ")").toList()));
  }

  private InspectTarget tcpTarget() throws IOException {
    int colon = connect.lastIndexOf(':');
    if (colon <= 0) {
      throw new IOException("--connect needs HOST:PORT, got '" + connect + "'");
    }
    String secret = token != null ? token : System.getenv("MODE_INSPECT_TOKEN");
    if (secret == null || secret.isBlank()) {
      throw new IOException("--connect " + connect + " needs the worker's token: --token or $MODE_INSPECT_TOKEN");
    }
    try {
      return new InspectTarget.Tcp(connect.substring(0, colon), Integer.parseInt(connect.substring(colon + 1)), secret);
    } catch (IllegalArgumentException e) {
      throw new IOException("--connect needs HOST:PORT with a port in 1..65535, got '" + connect + "'", e);
    }
  }
}
