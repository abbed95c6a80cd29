package example.embed;

import java.time.Duration;
import mode.Service;
import mode.Worker;

/**
 * A small shop: an app with a web front and a cache that flushes on a timer, run by a Worker
 * until Ctrl-C or SIGTERM. Its inspect agent is on, so {@code mode-inspect list} shows it.
 */
public final class Shop {
  private Shop() {}

  /** The root service: starts the web front and the cache. */
  static final class App extends Service {
    App() {
      addDependency(new Web());
      addDependency(new Cache());
    }

    @Override
    protected void onStarted() {
      Module module = Shop.class.getModule();
      System.out.println("shop: ready (" + (module.isNamed() ? "module " + module.getName() : "class path") + ")");
    }
  }

  /** Serves requests; here it only waits for the stop. */
  static final class Web extends Service {
    @Service.Task
    void serve() {
      while (!shouldStop()) {
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  /** Flushes every half second. */
  static final class Cache extends Service {
    private long flushes;

    @Service.Timer(0.5)
    void flush() {
      flushes++;
    }
  }

  /**
   * Runs the shop under a Worker (its options: {@code --loglevel}, {@code --no-inspect}, ...).
   *
   * @param args the Worker's command line
   */
  public static void main(String[] args) {
    new Worker(new App()).executeFromCommandLine(args);
  }
}
