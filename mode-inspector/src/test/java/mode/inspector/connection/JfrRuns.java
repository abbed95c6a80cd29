package mode.inspector.connection;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import mode.Service;
import mode.State;
import mode.jfr.ModeFlightRecorder;
import mode.supervisors.ForfeitOneForOneSupervisor;
import mode.supervisors.OneForOneSupervisor;

/**
 * Real JFR recordings of a real service tree, taken in this JVM with the JDK's "default"
 * settings (what {@code jcmd <pid> JFR.start} uses):
 *
 * <pre>
 * Shop ─► OneForOneSupervisor ─► Web ─► Router
 *      │                      └► Cache
 *      ├► ForfeitOneForOneSupervisor ─► Mailer
 *      └► Metrics (added while running)
 * </pre>
 *
 * Web crashes ("disk full") and its supervisor restarts it; Mailer crashes ("smtp down") and is
 * given up (stopped); Metrics joins at run time. The file is dumped while the tree still runs.
 */
public final class JfrRuns {
  /** Web's crash reason as recorded. */
  public static final String WEB_CRASH = "java.lang.IllegalStateException: disk full";
  /** Mailer's crash reason as recorded. */
  public static final String MAILER_CRASH = "java.io.IOException: smtp down";

  private JfrRuns() {}

  /** A service with a label of our choice. */
  public static final class Part extends Service {
    private final String label;

    /** A service labelled {@code label}. */
    public Part(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** The services of one run, to check against. */
  public record Run(Path file, Part shop, Part web, Part router, Part cache, Part mailer, Part metrics) {}

  /**
   * Runs the tree under a recording with the "default" settings and dumps it to {@code file}.
   * The tree is stopped before this returns (after the dump).
   */
  public static Run record(Path file) throws Exception {
    Part shop = new Part("Shop");
    Part web = new Part("Web");
    Part router = web.addDependency(new Part("Router"));
    Part cache = new Part("Cache");
    Part mailer = new Part("Mailer");
    Part metrics = new Part("Metrics");
    shop.addDependency(new OneForOneSupervisor(5, Duration.ofMinutes(1))).add(web, cache);
    shop.addDependency(new ForfeitOneForOneSupervisor()).add(mailer);
    try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
      recording.start();
      try (AutoCloseable watch = ModeFlightRecorder.watch(shop)) {
        shop.start();
        web.crash(new IllegalStateException("disk full"));
        await().atMost(Duration.ofSeconds(20)).until(() -> web.restartCount() == 1 && web.state() == State.RUNNING
            && router.state() == State.RUNNING);
        mailer.crash(new IOException("smtp down"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailer.state() == State.SHUTDOWN);
        shop.addRuntimeDependency(metrics);
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics.state() == State.RUNNING);
      } // closing the watch writes the tree as it is now
      recording.dump(file);
    } finally {
      shop.stop();
    }
    return new Run(file, shop, web, router, cache, mailer, metrics);
  }
}
