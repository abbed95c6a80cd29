package mode.inspector.demo;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import mode.Service;
import mode.inspect.InspectAgent;
import mode.inspect.InspectOptions;

/**
 * The bundled demo worker that {@code mode-inspector --demo} starts in a child JVM: runs the
 * {@link DemoTree} with an inspect agent named {@code mode-demo}, until SIGTERM or SIGINT.
 *
 * <p>Exit codes: 0 after a clean stop, 1 if the tree or the agent could not start.
 */
public final class DemoWorker {
  /** The worker name the inspector looks for. */
  public static final String NAME = "mode-demo";

  private DemoWorker() {}

  /** Starts the demo; blocks until the JVM is asked to stop. */
  public static void main(String[] args) throws InterruptedException {
    Service app = DemoTree.build(flaky -> flaky);
    CountDownLatch stopped = new CountDownLatch(1);
    InspectAgent agent;
    try {
      agent = InspectAgent.start(app, InspectOptions.defaults(NAME).withMainClass(DemoWorker.class.getName()));
    } catch (IOException e) {
      System.err.println("The demo cannot start its inspect agent: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      agent.close();
      stopped.countDown();
    }, "mode-demo-stop"));
    app.start();
    stopped.await();
  }
}
