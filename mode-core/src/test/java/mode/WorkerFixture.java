package mode;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;

/**
 * The child JVM of {@code WorkerProcessTest}: {@code WorkerFixture <scenario> [worker options…]}
 * runs one service under a {@link Worker} with signal handling on and exits with the worker's
 * code. Each service prints {@code ready} on standard output once it runs, which is what the test
 * waits for.
 */
final class WorkerFixture {
  private WorkerFixture() {}

  public static void main(String[] args) {
    Service service =
        switch (args[0]) {
          case "steady" -> new Steady();
          case "crash-in-task" -> new CrashInTask();
          case "fail-start" -> new FailStart();
          case "blocking-hook" -> new BlockingHook();
          default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        };
    // The test reads "ready" from standard output, so it stays out of the log.
    Worker worker = Worker.builder(service).name("fixture").redirectStdouts(false).build();
    if (service instanceof BlockingHook hook) {
      hook.releaseWhenReported(worker);
    }
    worker.executeFromCommandLine(Arrays.copyOfRange(args, 1, args.length));
  }

  /** Runs until stopped; its task parks in {@code sleep} on a virtual thread. */
  static final class Steady extends Service {
    @Override
    protected void onStarted() {
      System.out.println("ready");
    }

    @Service.Task
    void idle() {
      sleep(Duration.ofHours(1));
    }
  }

  /** Its background task fails at once. */
  static final class CrashInTask extends Service {
    @Service.Task
    void explode() {
      throw new IllegalStateException("boom in task");
    }
  }

  /** Its start hook fails. */
  static final class FailStart extends Service {
    @Override
    protected void onStart() {
      throw new IllegalStateException("cannot bind port 1");
    }
  }

  /**
   * Its {@code onStart} blocks (without {@code sleep}, so it counts as busy) until the worker has
   * reported it as blocking, then the service runs normally.
   */
  static final class BlockingHook extends Service {
    private final CountDownLatch reported = new CountDownLatch(1);

    void releaseWhenReported(Worker worker) {
      ServiceEvents.subscribe(worker, event -> {
        if (event instanceof ServiceEvent.Blocking blocking && blocking.what().contains("onStart")) {
          reported.countDown();
        }
      });
    }

    @Override
    protected void onStart() throws InterruptedException {
      reported.await();
    }

    @Override
    protected void onStarted() {
      System.out.println("ready");
    }
  }
}
