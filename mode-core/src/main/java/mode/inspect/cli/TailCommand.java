package mode.inspect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.inspect.Frame;
import mode.inspect.InspectMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mode-inspect tail}: live transitions, one line each. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print the worker's state transitions as they happen, one line each, coloured by the new"
        + " state on a terminal. Runs until interrupted or the worker exits.")
final class TailCommand implements Callable<Integer> {

  /** How the lines are coloured. */
  enum ColorMode { auto, always, never }

  @Mixin AttachOptions attach;
  @Spec CommandSpec spec;

  @Option(names = "--all", description = "Also print the other events (services and dependencies added or removed, logs, blocking reports).")
  boolean all;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour by state: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, i.e. on a terminal).")
  ColorMode color;

  private final Map<Long, String> labels = new ConcurrentHashMap<>();
  private final CompletableFuture<WorkerConnection> connection = new CompletableFuture<>();
  private PrintWriter out;
  private boolean colored;

  /**
   * Follows the worker until it ends or standard output closes (a reader such as {@code head}
   * quit: then quietly, exit code 0). Exit code 0 when the worker stopped, 1 when it crashed or
   * was lost (killed), with a line on standard error saying which.
   */
  @Override
  public Integer call() throws IOException, InterruptedException {
    out = spec.commandLine().getOut();
    colored = color == ColorMode.always || (color == ColorMode.auto && Ansi.AUTO.enabled());
    PrintWriter err = spec.commandLine().getErr();
    try (WorkerConnection attached = WorkerConnection.open(attach.target(), Duration.ofSeconds(5), this::print, line -> {})) {
      connection.complete(attached);
      InspectMessage.Hello hello = attached.hello();
      err.printf("attached to %s (pid %d); %d services%n", hello.name(), hello.pid(),
          attached.snapshot().services().size());
      err.flush();
      attached.awaitClose();
      WorkerFate.Ending ending = attached.ending();
      ending.describe().ifPresent(err::println);
      err.flush();
      return ending.exitCode();
    }
  }

  private void print(Frame frame) {
    if (!(frame.message() instanceof InspectMessage.Event(ServiceEvent event))) {
      return;
    }
    String line = switch (event) {
      case ServiceEvent.Snapshot s -> {
        s.services().forEach(this::remember);
        yield null;
      }
      case ServiceEvent.Transition t -> transition(t);
      case ServiceEvent.Gap g -> time(event) + "  -- " + g.dropped() + " events dropped (this client fell behind); state resynchronised";
      case ServiceEvent.ServiceAdded a -> {
        remember(a.service());
        yield all ? time(event) + "  + " + name(a.service().id()) + " added" : null;
      }
      case ServiceEvent.ServiceRemoved r -> all ? time(event) + "  - " + name(r.serviceId()) + " removed" : null;
      case ServiceEvent.DependencyAdded d -> all ? time(event) + "  " + name(d.parentId()) + " now depends on " + name(d.childId()) : null;
      case ServiceEvent.DependencyRemoved d -> all ? time(event) + "  " + name(d.parentId()) + " no longer depends on " + name(d.childId()) : null;
      case ServiceEvent.Log l -> all ? time(event) + "  " + l.level() + " " + l.logger() + ": " + l.message() : null;
      case ServiceEvent.Blocking b -> all ? time(event) + "  " + name(b.serviceId()) + " blocked in " + b.what() + " for " + b.elapsed() : null;
      case ServiceEvent.TimerStats t -> null;
      case ServiceEvent.FlagChanged f -> all
          ? event.at() + "  " + name(f.serviceId()) + " flag " + f.flag() + (f.set() ? " set" : " cleared") : null;
    };
    if (line != null) {
      out.println(line);
      out.flush();
      if (out.checkError()) {
        // Nobody reads any more (e.g. piped into head): stop, as a Unix tool does.
        connection.thenAccept(WorkerConnection::close);
      }
    }
  }

  /** The event's time to the millisecond, ISO-8601 UTC. */
  private static String time(ServiceEvent event) {
    return event.at().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private void remember(ServiceInfo service) {
    labels.put(service.id(), service.label());
  }

  private String name(long id) {
    return labels.getOrDefault(id, "?") + " (id " + id + ")";
  }

  private String transition(ServiceEvent.Transition t) {
    String text = time(t) + "  " + name(t.serviceId()) + "  " + t.from() + " -> " + t.to()
        + (t.crashReason() == null ? "" : "  " + t.crashReason());
    return colored ? "\u001b[" + ansi(t.to()) + "m" + text + "\u001b[0m" : text;
  }

  static String ansi(State state) {
    return switch (state) {
      case INIT -> "39";
      case STARTING, STOPPING -> "33";
      case RUNNING -> "32";
      case SHUTDOWN -> "34";
      case CRASHED -> "1;31";
    };
  }
}
