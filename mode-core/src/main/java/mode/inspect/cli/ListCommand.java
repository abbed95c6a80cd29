package mode.inspect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspect.Descriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mode-inspect list}: the running workers of this user. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List running workers: pid, name, uptime, number of services, state of the root service(s).")
final class ListCommand implements Callable<Integer> {

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("PID", "NAME", "UPTIME", "SERVICES", "STATE"));
    for (Descriptor worker : attach.directory().workers()) {
      rows.add(row(worker));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (rows.size() == 1) {
      out.println("no running workers in " + attach.directory().path());
    } else {
      Table.print(out, rows);
    }
    out.flush();
    return 0;
  }

  private static List<String> row(Descriptor worker) {
    String uptime = uptime(Duration.between(worker.startedAt(), Instant.now()));
    try (WorkerConnection connection = WorkerConnection.open(worker.unixTarget(), Duration.ofSeconds(3))) {
      ServiceEvent.Snapshot snapshot = connection.snapshot();
      return List.of(Long.toString(worker.pid()), worker.name(), uptime,
          Integer.toString(snapshot.services().size()), state(snapshot.services()));
    } catch (IOException e) {
      return List.of(Long.toString(worker.pid()), worker.name(), uptime, "?", "unreachable");
    }
  }

  /** The roots' state; CRASHED if any service crashed; states joined when roots differ. */
  static String state(List<ServiceInfo> services) {
    if (services.stream().anyMatch(s -> s.state() == State.CRASHED)) {
      return State.CRASHED.name();
    }
    List<String> roots = services.stream().filter(s -> s.parentId() == null).map(s -> s.state().name()).distinct().toList();
    return roots.isEmpty() ? "-" : String.join("/", roots);
  }

  static String uptime(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
  }
}
