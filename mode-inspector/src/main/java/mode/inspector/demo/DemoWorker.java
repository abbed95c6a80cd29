package mode.inspector.demo;

import java.time.Duration;
import mode.Service;
import mode.Worker;
import mode.supervisors.OneForOneSupervisor;

/**
 * The bundled demo worker that {@code mode-inspector --demo} starts in a child JVM: a {@link
 * Worker} named {@value #NAME} running the {@link DemoTree}, with a one-second blocking timeout
 * (so the blocker is reported) and the flaky service under a one-for-one supervisor. The worker
 * publishes its inspect agent itself. Runs until SIGTERM or SIGINT; worker options (e.g. {@code
 * --loglevel info}) are accepted.
 *
 * <p>Exit codes: the worker's (0 after a clean stop, 1 after a crash, 2 for bad options).
 */
public final class DemoWorker {
  /** The worker name the inspector looks for. */
  public static final String NAME = "mode-demo";

  private DemoWorker() {}

  /** Runs the demo; returns only by exiting the JVM. */
  public static void main(String[] args) {
    Service app = DemoTree.build(flaky -> new OneForOneSupervisor(1000, Duration.ofMinutes(1)).add(flaky));
    Worker.builder(app).name(NAME).blockingTimeout(Duration.ofSeconds(1)).build().executeFromCommandLine(args);
  }
}
