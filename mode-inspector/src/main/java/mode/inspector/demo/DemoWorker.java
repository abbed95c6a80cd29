package mode.inspector.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import mode.Service;
import mode.Worker;
import mode.supervisors.OneForOneSupervisor;

/**
 * The bundled demo worker that {@code mode-inspector --demo} starts in a child JVM: a {@link
 * Worker} named {@value #NAME} running the {@link DemoTree}, with a one-second blocking timeout
 * (so the blocker is reported) and the flaky service under a one-for-one supervisor. The worker
 * publishes its inspect agent itself. Runs until SIGTERM or SIGINT; worker options (e.g. {@code
 * --loglevel info}) are accepted. Started with {@value #PARENT_PID_PROPERTY} (as the inspector
 * does), it also stops, gracefully, when that process exits, however it ended: a killed inspector
 * leaves no orphaned demo behind.
 *
 * <p>Exit codes: the worker's (0 after a clean stop, 1 after a crash, 2 for bad options).
 */
public final class DemoWorker {
  /** The worker name the inspector looks for. */
  public static final String NAME = "mode-demo";
  /** System property naming the pid of the process whose exit stops the demo. */
  public static final String PARENT_PID_PROPERTY = "mode.demo.parentPid";

  private DemoWorker() {}

  /** Runs the demo; returns only by exiting the JVM. */
  public static void main(String[] args) {
    Service app = DemoTree.build(flaky -> new OneForOneSupervisor(1000, Duration.ofMinutes(1)).add(flaky));
    Worker worker = Worker.builder(app).name(NAME).blockingTimeout(Duration.ofSeconds(1)).build();
    stopWithParent(worker, System.getProperty(PARENT_PID_PROPERTY));
    worker.executeFromCommandLine(args);
  }

  /**
   * Asks {@code worker} to stop when the process {@code parentPid} exits (at once if it is already
   * gone); nothing when {@code parentPid} is null. The pid is handed over rather than read from
   * {@link ProcessHandle#parent()} because a parent that dies before this runs would already have
   * been replaced by the reaper, which never exits.
   *
   * @throws IllegalArgumentException if {@code parentPid} is not a number
   */
  static void stopWithParent(Worker worker, String parentPid) {
    if (parentPid == null) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(parentPid.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PARENT_PID_PROPERTY + " must be a process id, got '" + parentPid + "'", e);
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    CompletableFuture<?> exit = parent.isPresent() ? parent.get().onExit() : CompletableFuture.completedFuture(null);
    exit.thenRun(worker::requestStop);
  }
}
