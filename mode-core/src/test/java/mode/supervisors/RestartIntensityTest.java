package mode.supervisors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import mode.Service;
import mode.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartIntensityTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T06:00:00Z"));
  private final Unit app = new Unit("app", history);
  private final Unit a = new Unit("a", history);

  @AfterEach
  void stopApp() {
    app.stop();
  }

  private SupervisorStrategy supervise(SupervisorStrategy supervisor) {
    supervisor.withClock(now::get).add(a);
    app.addDependency(supervisor);
    app.start();
    history.clear();
    return supervisor;
  }

  private static void awaitRestarted(Service s, int times) {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> s.restartCount() == times && s.state() == State.RUNNING);
  }

  @Test
  void oneCrashTooManyCrashesTheSupervisorWhichPropagatesToItsParent() {
    SupervisorStrategy supervisor = supervise(new OneForOneSupervisor(2, Duration.ofHours(1)));

    a.crashFromTask("first");
    awaitRestarted(a, 1);
    a.crashFromTask("second");
    awaitRestarted(a, 2);
    a.crashFromTask("third");
    await().atMost(Duration.ofSeconds(10)).until(() -> app.state() == State.CRASHED);

    assertThat(history).containsExactly(
        "a.onStop", "a.onShutdown", "a.onRestart", "a.onStart",
        "a.onStop", "a.onShutdown", "a.onRestart", "a.onStart");
    assertThat(supervisor.state()).isEqualTo(State.CRASHED);
    assertThat(a.state()).isEqualTo(State.CRASHED);
    Throwable reason = supervisor.crashReason();
    assertThat(reason)
        .isInstanceOf(MaxRestartsExceededException.class)
        .hasMessage("OneForOneSupervisor: (1@" + supervisor.id() + ") gave up: more than 2 restart(s)"
            + " within PT1H; last crash: java.lang.IllegalStateException: third");
    assertThat(reason.getCause()).hasMessage("third");
    assertThat(((MaxRestartsExceededException) reason).maxRestarts()).isEqualTo(2);
    assertThat(((MaxRestartsExceededException) reason).over()).isEqualTo(Duration.ofHours(1));
    assertThat(app.crashReason()).isSameAs(reason);
  }

  @Test
  void restartsOlderThanTheWindowNoLongerCount() {
    SupervisorStrategy supervisor = supervise(new OneForOneSupervisor(1, Duration.ofSeconds(10)));

    a.crashFromTask("first");
    awaitRestarted(a, 1);
    now.set(now.get().plusSeconds(11));
    a.crashFromTask("after the window");
    awaitRestarted(a, 2);
    now.set(now.get().plusSeconds(5));
    a.crashFromTask("within the window");
    await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.state() == State.CRASHED);

    assertThat(a.restartCount()).isEqualTo(2);
    assertThat(supervisor.crashReason())
        .isInstanceOf(MaxRestartsExceededException.class)
        .hasRootCauseMessage("within the window");
  }

  @Test
  void supervisorOfASupervisorRestartsTheGroupThatGaveUp() {
    Unit x = new Unit("x", history);
    SupervisorStrategy inner = new OneForOneSupervisor(0, Duration.ofHours(1)).withClock(now::get);
    inner.add(x);
    SupervisorStrategy outer = supervise(new OneForOneSupervisor(5, Duration.ofHours(1)));
    outer.add(inner);
    history.clear();

    x.crashFromTask("boom");
    awaitRestarted(inner, 1);

    assertThat(history).containsExactly("x.onStop", "x.onShutdown", "x.onStart");
    assertThat(x.restartCount()).isEqualTo(1);
    assertThat(x.state()).isEqualTo(State.RUNNING);
    assertThat(app.state()).isEqualTo(State.RUNNING);
  }

  @Test
  void stopDuringABackoffWaitAbandonsTheRestart() {
    SupervisorStrategy supervisor = new OneForOneSupervisor()
        .withBackoff(Duration.ofHours(1), Duration.ofHours(1), 0);
    supervise(supervisor);

    a.crashFromTask("boom");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == State.CRASHED);
    app.stop();

    assertThat(history).containsExactly("app.onStop", "a.onStop", "a.onShutdown", "app.onShutdown");
    assertThat(a.restartCount()).isZero();
    assertThat(supervisor.state()).isEqualTo(State.SHUTDOWN);
  }
}
