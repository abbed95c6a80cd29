package mode;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import mode.worker.StdoutRedirect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Stdout redirection, the shutdown hook, say and carp, with the worker in this JVM. */
class WorkerExtrasTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Logger redirected = (Logger) LoggerFactory.getLogger(StdoutRedirect.LOGGER);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  /** Runs {@code whenStarted} once it runs, then asks its worker to stop. */
  final class OneShot extends Service {
    Worker worker;
    final Consumer<Worker> whenStarted;

    OneShot(Consumer<Worker> whenStarted) {
      this.whenStarted = whenStarted;
    }

    @Override
    protected void onStarted() {
      whenStarted.accept(worker);
      worker.requestStop();
    }

    @Override
    protected void onStop() {
      history.add("service onStop");
    }
  }

  private ch.qos.logback.classic.Level previousLevel;

  @BeforeEach
  void capture() {
    previousLevel = redirected.getLevel();
    redirected.setLevel(ch.qos.logback.classic.Level.DEBUG);
    captured.start();
    redirected.addAppender(captured);
  }

  @AfterEach
  void release() {
    redirected.detachAppender(captured);
    redirected.setLevel(previousLevel);
  }

  private Worker worker(OneShot service, java.util.function.UnaryOperator<Worker.Builder> options) {
    Worker w = options.apply(Worker.builder(service)
        .name("extras")
        .handleSignals(false)
        .overrideLogging(false)
        .stdout(new PrintStream(out, true, StandardCharsets.UTF_8))
        .stderr(new PrintStream(err, true, StandardCharsets.UTF_8))).build();
    service.worker = w;
    return w;
  }

  private List<String> redirectedLines() {
    return captured.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void whatServicesPrintBecomesLogLinesAtWarnAndTheStreamsComeBack() {
    PrintStream before = System.out;
    OneShot service = new OneShot(w -> {
      System.out.println("hello from the service");
      System.err.println("oops on stderr");
    });

    assertThat(worker(service, b -> b).execute()).isZero();

    assertThat(redirectedLines()).containsExactly("WARN hello from the service", "WARN oops on stderr");
    assertThat(System.out).isSameAs(before);
  }

  @Test
  void theRedirectLevelIsChosenOnTheBuilder() {
    OneShot service = new OneShot(w -> System.out.println("progress"));

    assertThat(worker(service, b -> b.redirectStdouts("info")).execute()).isZero();

    assertThat(redirectedLines()).containsExactly("INFO progress");
  }

  @Test
  void withoutRedirectionPrintedLinesStayOnStdout() {
    PrintStream before = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      OneShot service = new OneShot(w -> System.out.println("plain"));
      assertThat(worker(service, b -> b.redirectStdouts(false)).execute()).isZero();
    } finally {
      System.setOut(before);
    }

    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("plain\n");
    assertThat(redirectedLines()).isEmpty();
  }

  @Test
  void onWorkerShutdownRunsOnceBeforeTheServicesStop() {
    OneShot service = new OneShot(w -> history.add("service running"));
    Worker w = worker(service, b -> b.onWorkerShutdown(() -> history.add("hook, service " + service.state())));

    assertThat(w.execute()).isZero();

    assertThat(history).containsExactly("service running", "hook, service RUNNING", "service onStop");
  }

  @Test
  void aFailingShutdownHookIsLoggedAndTheWorkerStillStops() {
    OneShot service = new OneShot(w -> {});
    Worker w = worker(service, b -> b.onWorkerShutdown(() -> {
      throw new IllegalStateException("hook broke");
    }));

    try (LogCapture log = new LogCapture(Worker.class)) {
      assertThat(w.execute()).isZero();
      assertThat(log.lines()).contains(
          "ERROR [^Worker]: onWorkerShutdown failed; stopping anyway: java.lang.IllegalStateException: hook broke");
    }
    assertThat(history).containsExactly("service onStop");
  }

  @Test
  void sayAndCarpPrintOnTheWorkersStreamsUnlessQuiet() {
    OneShot loud = new OneShot(w -> {
      w.say("said");
      w.carp("carped");
    });
    assertThat(worker(loud, b -> b).execute()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("said\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("carped\n");

    out.reset();
    err.reset();
    OneShot quiet = new OneShot(w -> {
      w.say("said");
      w.carp("carped");
    });
    assertThat(worker(quiet, b -> b).execute("--quiet")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
