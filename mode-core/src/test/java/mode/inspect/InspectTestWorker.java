package mode.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mode.Service;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.Worker;
import mode.graph.DependencyGraph;

/**
 * The worker the child-JVM tests attach to: a {@link Worker} named {@code TestWorker} running App,
 * which depends on Web and Cache. Its arguments go to the worker's command line, except {@code
 * --dot FILE}: once started, App writes there the DOT of the whole tree as computed in this
 * process ({@code DependencyGraph.of(worker).toDot()}); and {@code --crash}: App crashes once started
 * (a failing future), so the worker exits with code 1.
 */
public final class InspectTestWorker {

  /** The root of the tree the tests see (set before the worker runs). */
  static volatile Worker worker;

  static final class App extends Service {
    private final Path dot;
    private final boolean crash;

    App(Path dot, boolean crash) {
      this.dot = dot;
      this.crash = crash;
    }

    @Override
    protected void onStarted() {
      if (crash) {
        addFuture(() -> {
          throw new IllegalStateException("crash requested by --crash");
        });
      }
      if (dot != null) {
        try {
          Files.writeString(dot, DependencyGraph.of(worker).toDot());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  static final class Web extends Service {}

  static final class Cache extends Service {}

  private InspectTestWorker() {}

  /** Prints {@code READY} once the worker itself is RUNNING, i.e. its whole tree has started. */
  static void announceWhenRunning(Worker root) {
    java.util.concurrent.atomic.AtomicBoolean said = new java.util.concurrent.atomic.AtomicBoolean();
    ServiceEvents.subscribe(root, event -> {
      boolean running = switch (event) {
        case ServiceEvent.Snapshot s -> s.services().getFirst().state() == State.RUNNING;
        case ServiceEvent.Transition t -> t.serviceId() == root.id() && t.to() == State.RUNNING;
        default -> false;
      };
      if (running && said.compareAndSet(false, true)) {
        System.out.println("READY");
      }
    });
  }

  public static void main(String[] args) {
    java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
    int at = rest.indexOf("--dot");
    Path dot = null;
    if (at >= 0) {
      dot = Path.of(rest.get(at + 1));
      rest.subList(at, at + 2).clear();
    }
    boolean crash = rest.remove("--crash");
    App app = new App(dot, crash);
    app.addDependency(new Web());
    app.addDependency(new Cache());
    // The test reads READY from standard output, so it stays out of the log.
    worker = Worker.builder(app).name("TestWorker").redirectStdouts(false).build();
    announceWhenRunning(worker);
    worker.executeFromCommandLine(rest.toArray(String[]::new));
  }
}
