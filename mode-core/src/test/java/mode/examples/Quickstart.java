package mode.examples;

import java.time.Duration;
import mode.Service;
import mode.Worker;

/**
 * The quickstart: a service that says when it starts, ticks every second and says when it
 * stops, run by a {@link Worker} at log level info for three seconds. Run it with {@code
 * bin/quickstart}.
 */
public final class Quickstart {
  private Quickstart() {}

  /** A service with a start message, a one-second timer and a stop message. */
  public static final class MyService extends Service {
    private Runnable whenDone = () -> {};

    @Override
    protected void onStart() {
      System.out.println("MyService is starting");
    }

    @Service.Timer(1.0)
    void everySecond() {
      System.out.println("MyService: one more second");
    }

    @Service.Task
    void runForThreeSeconds() {
      sleep(Duration.ofSeconds(3)); // returns early if the service is stopped first
      if (!shouldStop()) {
        whenDone.run();
      }
    }

    @Override
    protected void onStop() {
      System.out.println("MyService is stopping");
    }

    /** What to do after three seconds of running. */
    void whenDone(Runnable action) {
      this.whenDone = action;
    }
  }

  /** Runs {@link MyService} for three seconds, then stops it as Ctrl-C would, and exits 0. */
  public static void main(String[] args) {
    MyService service = new MyService();
    Worker worker = new Worker(service);
    service.whenDone(worker::requestStop);
    worker.executeFromCommandLine("--loglevel=info");
  }
}
