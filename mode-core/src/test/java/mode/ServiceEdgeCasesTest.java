package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ServiceEdgeCasesTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  @Test
  void aTaskCanStopItsOwnService() throws Exception {
    CompletableFuture<State> seenByTask = new CompletableFuture<>();
    Recorder s = new Recorder("s", history) {
      @Task
      void finish() {
        stop();
        seenByTask.complete(state());
      }
    };
    s.start();

    assertThat(seenByTask.get()).isEqualTo(State.SHUTDOWN);
    s.stop(); // a no-op now
    assertThat(history).endsWith("s.onStop", "s.onShutdown");
    assertThat(history).filteredOn(h -> h.endsWith("onShutdown")).hasSize(1);
  }

  @Test
  void aFutureCanRestartItsOwnService() throws Exception {
    Recorder s = new Recorder("s", history);
    s.start();
    history.clear();

    s.addFuture(() -> {
      s.restart();
      return null;
    }).get();

    assertThat(history).containsExactly(
        "s.onStop", "s.onShutdown", "s.onRestart", "s.onStart", "s.onStarted");
    assertThat(s.state()).isEqualTo(State.RUNNING);
    assertThat(s.restartCount()).isEqualTo(1);
  }

  @Test
  void crashingAShutDownServiceOnlyLogs() {
    Recorder s = new Recorder("s", history);
    s.start();
    s.stop();

    try (LogCapture log = new LogCapture(Recorder.class)) {
      s.crash(new IllegalStateException("late"));
      assertThat(log.lines()).containsExactly(
          "WARN [^s]: Crash ignored: the service is SHUTDOWN; reason: java.lang.IllegalStateException: late");
    }
    assertThat(s.state()).isEqualTo(State.SHUTDOWN);
    assertThat(s.crashReason()).isNull();
  }

  @Test
  void aFailingOnRestartCrashesTheServiceAndThrows() {
    Recorder s = new Recorder("s", history).failingIn("onRestart");
    s.start();

    assertThatThrownBy(s::restart)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service s failed to restart: onRestart threw java.io.IOException: s failed in onRestart")
        .hasCauseInstanceOf(IOException.class);
    assertThat(s.state()).isEqualTo(State.CRASHED);
  }

  @Test
  void addingTheSameDependencyTwiceKeepsOneEdge() {
    Recorder p = new Recorder("p", history);
    Recorder c = new Recorder("c", history);
    p.addDependency(c);
    p.addDependency(c);
    assertThat(p.dependencies()).containsExactly(c);
  }

  @Test
  void restartOfANeverStartedServiceStopsThenStartsIt() {
    Recorder s = new Recorder("s", history);

    s.restart();

    assertThat(history).containsExactly(
        "s.onStop", "s.onShutdown", "s.onRestart", "s.onFirstStart", "s.onStart", "s.onStarted");
    assertThat(s.state()).isEqualTo(State.RUNNING);
  }
}
