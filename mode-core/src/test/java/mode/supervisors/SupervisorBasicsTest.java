package mode.supervisors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.Service;
import mode.ServiceException;
import mode.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorBasicsTest {
  private final List<String> history = new CopyOnWriteArrayList<>();
  private final Unit app = new Unit("app", history);
  private final Unit a = new Unit("a", history);

  @AfterEach
  void stopApp() {
    app.stop();
  }

  private static List<String> states(Service... services) {
    return java.util.Arrays.stream(services).map(s -> s.label() + "=" + s.state() + "#" + s.restartCount()).toList();
  }

  @Test
  void crashDeepInASupervisedSubtreeRestartsTheSupervisedServiceAtOnce() {
    Unit a1 = a.addDependency(new Unit("a1", history));
    Unit a11 = a1.addDependency(new Unit("a11", history));
    SupervisorStrategy supervisor = app.addDependency(new OneForOneSupervisor());
    supervisor.add(a);
    app.start();
    history.clear();

    a11.crashFromTask("deep");
    await().atMost(Duration.ofSeconds(10)).until(() -> a11.restartCount() == 1 && a.state() == State.RUNNING);

    assertThat(history).containsExactly(
        "a.onStop", "a1.onStop", "a11.onStop", "a11.onShutdown", "a1.onShutdown", "a.onShutdown",
        "a.onRestart", "a.onStart", "a1.onStart", "a11.onStart");
    assertThat(states(app, supervisor, a, a1, a11)).containsExactly(
        "app=RUNNING#0", supervisor.label() + "=RUNNING#0", "a=RUNNING#1", "a1=RUNNING#1", "a11=RUNNING#1");
  }

  @Test
  void crashingSupervisorLetsTheCrashPropagateUpward() {
    SupervisorStrategy supervisor = app.addDependency(new CrashingSupervisor());
    supervisor.add(a);
    app.start();
    history.clear();

    a.crashFromTask("poison");
    await().atMost(Duration.ofSeconds(10)).until(() -> app.state() == State.CRASHED);

    assertThat(states(app, supervisor, a)).containsExactly(
        "app=CRASHED#0", supervisor.label() + "=CRASHED#0", "a=CRASHED#0");
    assertThat(app.crashReason()).hasMessage("poison");
    assertThat(history).isEmpty();
  }

  @Test
  void addingToARunningSupervisorStartsTheServiceAtOnceAndSupervisesIt() {
    SupervisorStrategy supervisor = app.addDependency(new OneForOneSupervisor());
    app.start();
    Unit late = new Unit("late", history);

    supervisor.add(late);
    assertThat(late.state()).isEqualTo(State.RUNNING);
    late.crashFromTask("boom");
    await().atMost(Duration.ofSeconds(10)).until(() -> late.restartCount() == 1 && late.state() == State.RUNNING);

    assertThat(history).containsExactly(
        "app.onStart", "late.onStart", "late.onStop", "late.onShutdown", "late.onRestart", "late.onStart");
    assertThat(supervisor.services()).containsExactly(late);
    assertThat(supervisor.dependencies()).containsExactly(late);
  }

  @Test
  void discardStopsTheServiceAndStopsSupervisingIt() {
    SupervisorStrategy supervisor = app.addDependency(new OneForOneSupervisor());
    Unit b = new Unit("b", history);
    supervisor.add(a, b);
    app.start();
    history.clear();

    assertThat(supervisor.discard(a)).isTrue();
    assertThat(supervisor.discard(a)).isFalse();

    assertThat(history).containsExactly("a.onStop", "a.onShutdown");
    assertThat(supervisor.services()).containsExactly(b);
    assertThat(supervisor.label()).isEqualTo("OneForOneSupervisor: (1@" + supervisor.id() + ")");
    supervisor.add(a);
    assertThat(supervisor.services()).containsExactly(b, a);
  }

  @Test
  void aServiceCanHaveOnlyOneSupervisor() {
    SupervisorStrategy first = new OneForOneSupervisor().add(a);
    SupervisorStrategy second = new OneForAllSupervisor();

    assertThatThrownBy(() -> second.add(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OneForAllSupervisor: (0@" + second.id() + "): service a is already supervised");
    assertThatThrownBy(() -> first.add(a))
        .hasMessage("OneForOneSupervisor: (1@" + first.id() + "): service a is already supervised");
  }

  @Test
  void supervisedServicesAppearBelowTheirSupervisorInTheServiceGraph() {
    SupervisorStrategy supervisor = app.addDependency(new OneForOneSupervisor());
    supervisor.add(a, new Unit("b", history));
    String sup = supervisor.label();

    List<mode.events.ServiceInfo> infos = new java.util.ArrayList<>();
    java.util.ArrayDeque<Service> todo = new java.util.ArrayDeque<>(List.of(app));
    while (!todo.isEmpty()) {
      Service s = todo.removeFirst();
      infos.add(mode.internal.ServiceAccess.info(s));
      todo.addAll(s.dependencies());
    }
    String dot = mode.graph.DependencyGraph.of(infos).toDot();

    assertThat(dot.lines().filter(l -> l.contains("->")).map(l -> l.substring(0, l.indexOf(" ["))))
        .containsExactly(
            "    \"app\" -> \"" + sup + "\"",
            "    \"" + sup + "\" -> \"a\"",
            "    \"" + sup + "\" -> \"b\"");
  }

  @Test
  void aSupervisorCannotSuperviseItselfAndStaysUnchanged() {
    SupervisorStrategy supervisor = new OneForOneSupervisor();

    assertThatThrownBy(() -> supervisor.add(supervisor)).isInstanceOf(IllegalArgumentException.class);

    assertThat(supervisor.services()).isEmpty();
    assertThat(supervisor.dependencies()).isEmpty();
    supervisor.add(a);
    assertThat(supervisor.services()).containsExactly(a);
  }

  @Test
  void aServiceThatFailsToStartFailsTheSupervisorsStart() {
    SupervisorStrategy supervisor = app.addDependency(new OneForOneSupervisor());
    Unit b = new Unit("b", history);
    b.failNextStart = true;
    supervisor.add(a, b);

    assertThatThrownBy(app::start)
        .isInstanceOf(ServiceException.class)
        .hasRootCauseMessage("b could not start");

    assertThat(history).containsExactly(
        "app.onStart", "a.onStart", "b.onStart", "a.onStop", "a.onShutdown");
    assertThat(states(app, supervisor, a, b)).containsExactly(
        "app=CRASHED#0", supervisor.label() + "=CRASHED#0", "a=SHUTDOWN#0", "b=CRASHED#0");
  }

  @Test
  void badLimitsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> new OneForOneSupervisor(-1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRestarts must not be negative, got -1");
    assertThatThrownBy(() -> new RestForOneSupervisor(1, Duration.ofSeconds(-1)))
        .hasMessage("restart window must be positive, got PT-1S");
    assertThatThrownBy(() -> new OneForAllSupervisor().withBackoff(Duration.ofSeconds(1), Duration.ZERO, 0))
        .hasMessage("backoff needs 0 <= min <= max, got min=PT1S, max=PT0S");
  }
}
