package mode.supervisors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.LogCapture;
import mode.Service;
import mode.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartStrategiesTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final Unit a = new Unit("a", history);
  private final Unit b = new Unit("b", history);
  private final Unit c = new Unit("c", history);
  private SupervisorStrategy supervisor;

  private void startSupervising(SupervisorStrategy s) {
    supervisor = s;
    s.add(a, b, c);
    s.start();
    history.clear();
  }

  @AfterEach
  void stopSupervisor() {
    if (supervisor != null) {
      supervisor.stop();
    }
  }

  private static void awaitRestarted(Service s, int times) {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> s.restartCount() == times && s.state() == State.RUNNING);
  }

  private static List<String> states(Service... services) {
    return java.util.Arrays.stream(services).map(s -> s.label() + "=" + s.state() + "#" + s.restartCount()).toList();
  }

  @Test
  void supervisorStartsServicesInOrderAndStopsThemInReverse() {
    supervisor = new OneForOneSupervisor();
    supervisor.add(a, b, c);

    supervisor.start();
    supervisor.stop();

    assertThat(history).containsExactly(
        "a.onStart", "b.onStart", "c.onStart",
        "c.onStop", "c.onShutdown", "b.onStop", "b.onShutdown", "a.onStop", "a.onShutdown");
    assertThat(states(a, b, c)).containsExactly("a=SHUTDOWN#0", "b=SHUTDOWN#0", "c=SHUTDOWN#0");
  }

  @Test
  void oneForOneRestartsOnlyTheCrashedService() {
    try (LogCapture log = new LogCapture(OneForOneSupervisor.class, Level.INFO)) {
      startSupervising(new OneForOneSupervisor(5, Duration.ofMinutes(1)));

      b.crashFromTask("boom");
      awaitRestarted(b, 1);

      assertThat(history).containsExactly("b.onStop", "b.onShutdown", "b.onRestart", "b.onStart");
      assertThat(states(a, b, c, supervisor)).containsExactly(
          "a=RUNNING#0", "b=RUNNING#1", "c=RUNNING#0", supervisor.label() + "=RUNNING#0");
      assertThat(log.lines()).contains(
          "INFO [^" + supervisor.label() + "]: Restarting dead b! Last crash reason: "
              + "java.lang.IllegalStateException: boom");
    }
  }

  @Test
  void oneForAllStopsEveryServiceInReverseThenRestartsThemInOrder() {
    startSupervising(new OneForAllSupervisor(5, Duration.ofMinutes(1)));

    b.crashFromTask("boom");
    awaitRestarted(c, 1);

    assertThat(history).containsExactly(
        "c.onStop", "c.onShutdown", "b.onStop", "b.onShutdown", "a.onStop", "a.onShutdown",
        "a.onRestart", "a.onStart", "b.onRestart", "b.onStart", "c.onRestart", "c.onStart");
    assertThat(states(a, b, c)).containsExactly("a=RUNNING#1", "b=RUNNING#1", "c=RUNNING#1");
  }

  @Test
  void restForOneRestartsTheCrashedServiceAndEveryServiceAddedAfterIt() {
    startSupervising(new RestForOneSupervisor(5, Duration.ofMinutes(1)));

    b.crashFromTask("boom");
    awaitRestarted(c, 1);

    assertThat(history).containsExactly(
        "c.onStop", "c.onShutdown", "b.onStop", "b.onShutdown",
        "b.onRestart", "b.onStart", "c.onRestart", "c.onStart");
    assertThat(states(a, b, c)).containsExactly("a=RUNNING#0", "b=RUNNING#1", "c=RUNNING#1");
  }

  @Test
  void restForOneOnTheLastServiceRestartsOnlyIt() {
    startSupervising(new RestForOneSupervisor());

    c.crashFromTask("boom");
    awaitRestarted(c, 1);

    assertThat(history).containsExactly("c.onStop", "c.onShutdown", "c.onRestart", "c.onStart");
    assertThat(states(a, b)).containsExactly("a=RUNNING#0", "b=RUNNING#0");
  }

  @Test
  void forfeitOneForOneStopsTheCrashedServiceAndNeverRestartsIt() {
    try (LogCapture log = new LogCapture(ForfeitOneForOneSupervisor.class, Level.INFO)) {
      startSupervising(new ForfeitOneForOneSupervisor());

      b.crashFromTask("boom");
      await().atMost(Duration.ofSeconds(10)).until(() -> b.state() == State.SHUTDOWN);

      assertThat(history).containsExactly("b.onStop", "b.onShutdown");
      assertThat(states(a, b, c, supervisor)).containsExactly(
          "a=RUNNING#0", "b=SHUTDOWN#0", "c=RUNNING#0", supervisor.label() + "=RUNNING#0");
      assertThat(log.lines()).containsExactly(
          "INFO [^" + supervisor.label() + "]: Starting...",
          "ERROR [^" + supervisor.label() + "]: Giving up on crashed service b: "
              + "java.lang.IllegalStateException: boom");
    }
  }

  @Test
  void forfeitOneForAllStopsEveryServiceAndRestartsNone() {
    try (LogCapture log = new LogCapture(ForfeitOneForAllSupervisor.class, Level.INFO)) {
      startSupervising(new ForfeitOneForAllSupervisor());

      b.crashFromTask("boom");
      await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == State.SHUTDOWN);

      assertThat(history).containsExactly(
          "c.onStop", "c.onShutdown", "b.onStop", "b.onShutdown", "a.onStop", "a.onShutdown");
      assertThat(states(a, b, c, supervisor)).containsExactly(
          "a=SHUTDOWN#0", "b=SHUTDOWN#0", "c=SHUTDOWN#0", supervisor.label() + "=RUNNING#0");
      assertThat(log.lines()).containsExactly(
          "INFO [^" + supervisor.label() + "]: Starting...",
          "ERROR [^" + supervisor.label() + "]: Giving up on all services in group [a, b, c] "
              + "because b crashed: java.lang.IllegalStateException: boom");
    }
  }

  @Test
  void restartWhoseStartFailsIsHandledAsAnotherCrash() {
    startSupervising(new OneForOneSupervisor(5, Duration.ofMinutes(1)));
    b.failNextStart = true;

    b.crashFromTask("boom");
    awaitRestarted(b, 2);

    assertThat(history).containsExactly(
        "b.onStop", "b.onShutdown", "b.onRestart", "b.onStart",
        "b.onStop", "b.onShutdown", "b.onRestart", "b.onStart");
  }
}
