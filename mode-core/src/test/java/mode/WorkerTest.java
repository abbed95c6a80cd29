package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.worker.WorkerExtension;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The worker in this JVM, without signal handling or logging set-up (those are covered with
 * child JVMs in {@link WorkerProcessTest}).
 */
class WorkerTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Does nothing but have a lifecycle. */
  static final class Plain extends Service {}

  /** Records its hooks and asks its worker to stop once it runs. */
  final class Recorder extends Service {
    Worker worker;

    @Override
    protected void onStart() {
      history.add("onStart");
    }

    @Override
    protected void onStarted() {
      history.add("onStarted");
      worker.requestStop();
    }

    @Override
    protected void onStop() {
      history.add("onStop");
    }

    @Override
    protected void onShutdown() {
      history.add("onShutdown");
    }
  }

  private final class RecordingExtension implements WorkerExtension {
    @Override
    public AutoCloseable start(Worker worker, ParseResult options) {
      history.add("extension started, services " + worker.dependencies().getFirst().state());
      return () -> history.add("extension closed, services " + worker.dependencies().getFirst().state());
    }
  }

  private Worker.Builder inProcess(Service... services) {
    return Worker.builder(services)
        .name("test-worker")
        .handleSignals(false)
        .overrideLogging(false)
        .stdout(new PrintStream(out, true, StandardCharsets.UTF_8))
        .stderr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void servicesStartAfterExtensionsAndStopBeforeTheyClose() {
    Recorder recorder = new Recorder();
    Worker worker = inProcess(recorder).extension(new RecordingExtension()).build();
    recorder.worker = worker;

    assertThat(worker.execute()).isZero();
    assertThat(history)
        .containsExactly(
            "extension started, services INIT",
            "onStart",
            "onStarted",
            "onStop",
            "onShutdown",
            "extension closed, services SHUTDOWN");
    assertThat(worker.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void servicesAreTheWorkersDependencies() {
    Recorder a = new Recorder();
    Service b = new Recorder();
    Worker worker = new Worker(a, b);
    assertThat(worker.dependencies()).containsExactly(a, b);
    assertThat(worker.label()).isEqualTo("Worker");
  }

  @Test
  void extensionThatFailsToStartMeansExitOneAndNoServiceStarts() {
    Recorder recorder = new Recorder();
    WorkerExtension broken = (worker, options) -> {
      throw new IllegalStateException("socket directory is not writable");
    };
    Worker worker = inProcess(recorder).extension(broken).build();
    recorder.worker = worker;

    assertThat(worker.execute()).isEqualTo(1);
    assertThat(history).isEmpty();
    assertThat(recorder.state()).isEqualTo(State.INIT);
  }

  @Test
  void bannerNamesThePidAndTheServicesUnlessQuiet() {
    Recorder recorder = new Recorder();
    Worker worker = inProcess(recorder).build();
    recorder.worker = worker;
    assertThat(worker.execute()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("starting Worker (pid " + ProcessHandle.current().pid() + ") with [Recorder]\n");

    Recorder quietOne = new Recorder();
    ByteArrayOutputStream quietOut = new ByteArrayOutputStream();
    Worker quiet = inProcess(quietOne).stdout(new PrintStream(quietOut, true, StandardCharsets.UTF_8)).build();
    quietOne.worker = quiet;
    assertThat(quiet.execute("--quiet")).isZero();
    assertThat(quietOut.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void stopRequestedBeforeTheStartStopsRightAfterIt() {
    Plain plain = new Plain();
    Worker worker = inProcess(plain).build();
    worker.requestStop();
    assertThat(worker.execute()).isZero();
    assertThat(plain.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void helpIsPrintedWithoutStartingAnything() {
    Recorder recorder = new Recorder();
    Worker worker = inProcess(recorder).build();
    assertThat(worker.execute("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: test-worker [-hV]");
    assertThat(recorder.state()).isEqualTo(State.INIT);
  }

  @Test
  void aWorkerRunsOnce() {
    Worker worker = inProcess(new Plain()).build();
    worker.requestStop();
    worker.execute();
    assertThatThrownBy(worker::execute)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("worker Worker was already executed");
  }

  /** Depends on a service whose task fails. */
  static final class Shop extends Service {
    Shop() {
      addDependency(new Orders());
    }
  }

  static final class Orders extends Service {
    @Service.Task
    void consume() {
      throw new IllegalStateException("boom deep down");
    }
  }

  @Test
  void crashDeepInTheTreeStopsEverythingWithExitOne() {
    Shop shop = new Shop();
    Worker worker = inProcess(shop).build();
    assertThat(worker.execute()).isEqualTo(1);
    assertThat(worker.crashReason()).hasMessage("boom deep down");
    assertThat(shop.dependencies().getFirst().crashReason()).hasMessage("boom deep down");
    assertThat(List.of(worker.state(), shop.state(), shop.dependencies().getFirst().state()))
        .doesNotContain(State.RUNNING, State.STARTING, State.STOPPING);
  }

  /** Its onStop ignores interruption until released: a stop that would never end. */
  static final class Stubborn extends Service {
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Worker worker;

    @Override
    protected void onStarted() {
      worker.requestStop();
    }

    @Override
    protected void onStop() {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // deliberately deaf to interruption
        }
      }
    }

    @Override
    protected java.time.Duration shutdownTimeout() {
      return java.time.Duration.ofMillis(100);
    }
  }

  @Test
  void stopThatNeverEndsIsCutShortWithExitOne() {
    Stubborn stubborn = new Stubborn();
    Worker worker = inProcess(stubborn).shutdownTimeout(java.time.Duration.ofMillis(100)).build();
    stubborn.worker = worker;
    try {
      assertThat(worker.execute()).isEqualTo(1);
      assertThat(stubborn.state()).isEqualTo(State.STOPPING);
    } finally {
      stubborn.release.countDown();
    }
  }

  @Test
  void badLogLevelInTheBuilderIsRejectedNamingIt() {
    assertThatThrownBy(() -> Worker.builder().logLevel("loud"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'loud' is not a log level; use one of trace, debug, info, warn, error");
  }
}
