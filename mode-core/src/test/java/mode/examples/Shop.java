package mode.examples;

import mode.Service;
import mode.Worker;

/**
 * The worker that the README section "Attach to a running worker" attaches to: App depends on Web (which depends on Router
 * and Sessions) and on Cache, whose timer flushes every second. Runs until Ctrl-C; the
 * arguments are the worker's ({@code --inspect=127.0.0.1:7070}, {@code --loglevel=info}, ...).
 */
public final class Shop {
  private Shop() {}

  static final class App extends Service {}

  static final class Web extends Service {}

  static final class Router extends Service {}

  static final class Sessions extends Service {}

  static final class Cache extends Service {
    @Service.Timer(1.0)
    void flush() {
      // A real cache would write its dirty entries here.
    }
  }

  /** Runs the shop under a worker named {@code shop}. */
  public static void main(String[] args) {
    App app = new App();
    Web web = app.addDependency(new Web());
    web.addDependency(new Router());
    web.addDependency(new Sessions());
    app.addDependency(new Cache());
    Worker.builder(app).name("shop").build().executeFromCommandLine(args);
  }
}
