package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  /** root{a{a1,a2},b}, the tree of mode-semantics §3. */
  Recorder tree() {
    Recorder root = new Recorder("root", history);
    Recorder a = root.addDependency(new Recorder("a", history));
    a.addDependency(new Recorder("a1", history));
    a.addDependency(new Recorder("a2", history));
    root.addDependency(new Recorder("b", history));
    return root;
  }

  static List<State> states(Service root) {
    Service a = root.dependencies().get(0);
    return List.of(
        root.state(), a.state(), a.dependencies().get(0).state(),
        a.dependencies().get(1).state(), root.dependencies().get(1).state());
  }

  @Test
  void startRunsOnStartPreOrderAndOnStartedPostOrder() {
    Recorder root = tree();

    root.start();

    assertThat(history).containsExactly(
        "root.onFirstStart", "root.onStart",
        "a.onFirstStart", "a.onStart",
        "a1.onFirstStart", "a1.onStart", "a1.onStarted",
        "a2.onFirstStart", "a2.onStart", "a2.onStarted",
        "a.onStarted",
        "b.onFirstStart", "b.onStart", "b.onStarted",
        "root.onStarted");
    assertThat(states(root)).containsOnly(State.RUNNING);
    assertThat(root.isStarted()).isTrue();
  }

  @Test
  void stopRunsOnStopFirstThenChildrenInReverseThenOnShutdown() {
    Recorder root = tree();
    root.start();
    history.clear();

    root.stop();

    assertThat(history).containsExactly(
        "root.onStop",
        "b.onStop", "b.onShutdown",
        "a.onStop",
        "a2.onStop", "a2.onShutdown",
        "a1.onStop", "a1.onShutdown",
        "a.onShutdown",
        "root.onShutdown");
    assertThat(states(root)).containsOnly(State.SHUTDOWN);
    assertThat(root.shouldStop()).isTrue();
  }

  @Test
  void restartStopsResetsRunsOnRestartAndStartsWithoutFirstStart() {
    Recorder p = new Recorder("p", history);
    Recorder c = p.addDependency(new Recorder("c", history));
    p.start();
    history.clear();

    p.restart();

    assertThat(history).containsExactly(
        "p.onStop", "c.onStop", "c.onShutdown", "p.onShutdown",
        "p.onRestart",
        "p.onStart", "c.onStart", "c.onStarted", "p.onStarted");
    assertThat(List.of(p.state(), c.state())).containsOnly(State.RUNNING);
    assertThat(List.of(p.restartCount(), c.restartCount())).containsOnly(1);
  }

  @Test
  void stopOfNeverStartedServiceRunsStopHooksAndEndsInShutdown() {
    Recorder s = new Recorder("s", history);

    s.stop();

    assertThat(history).containsExactly("s.onStop", "s.onShutdown");
    assertThat(s.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void secondStopIsANoOp() {
    Recorder s = new Recorder("s", history);
    s.start();
    s.stop();
    s.stop();

    assertThat(history).containsExactly(
        "s.onFirstStart", "s.onStart", "s.onStarted", "s.onStop", "s.onShutdown");
  }

  @Test
  void startingARunningServiceThrowsNamingLabelAndStates() {
    Recorder s = new Recorder("Web", history);
    s.start();

    assertThatThrownBy(s::start)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Cannot start service Web: expected state INIT, but it is RUNNING");
  }

  @Test
  void startingAStoppedServiceThrows() {
    Recorder s = new Recorder("Web", history);
    s.stop();

    assertThatThrownBy(s::start)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Cannot start service Web: expected state INIT, but it is SHUTDOWN");
  }

  @Test
  void anIllegalTransitionThrowsNamingLabelExpectedAndActualStateAndChangesNothing() {
    Recorder s = new Recorder("Web", history);

    assertThatThrownBy(() -> s.machine.moveTo(State.RUNNING))
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service Web cannot move to RUNNING: expected one of [STARTING], but it is INIT");
    assertThat(s.state()).isEqualTo(State.INIT);
    assertThat(history).isEmpty();
  }

  @Test
  void maybeStartStartsOnlyAServiceInInit() {
    Recorder s = new Recorder("s", history);

    assertThat(s.maybeStart()).isTrue();
    assertThat(s.maybeStart()).isFalse();
    s.stop();
    assertThat(s.maybeStart()).isFalse();

    assertThat(history).containsExactly(
        "s.onFirstStart", "s.onStart", "s.onStarted", "s.onStop", "s.onShutdown");
  }

  @Test
  void failedStartCrashesAndStopsTheChildrenAlreadyStarted() {
    Recorder root = new Recorder("root", history);
    Recorder a = root.addDependency(new Recorder("a", history));
    Recorder b = root.addDependency(new Recorder("b", history).failingIn("onStart"));
    Recorder c = root.addDependency(new Recorder("c", history));

    assertThatThrownBy(root::start)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service root failed to start: dependency b failed: Service b failed to start:"
            + " onStart threw java.io.IOException: b failed in onStart")
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessage("b failed in onStart");

    assertThat(history).containsExactly(
        "root.onFirstStart", "root.onStart",
        "a.onFirstStart", "a.onStart", "a.onStarted",
        "b.onFirstStart", "b.onStart",
        "a.onStop", "a.onShutdown");
    assertThat(List.of(root.state(), a.state(), b.state(), c.state()))
        .containsExactly(State.CRASHED, State.SHUTDOWN, State.CRASHED, State.INIT);
    assertThat(root.crashReason()).isSameAs(b.crashReason()).hasMessage("b failed in onStart");
  }

  @Test
  void failedOnStartedCrashesTheServiceAndStopsItsChildren() {
    Recorder p = new Recorder("p", history).failingIn("onStarted");
    Recorder c = p.addDependency(new Recorder("c", history));

    assertThatThrownBy(p::start).hasCauseInstanceOf(IOException.class);

    assertThat(history).containsExactly(
        "p.onFirstStart", "p.onStart", "c.onFirstStart", "c.onStart", "c.onStarted",
        "p.onStarted", "c.onStop", "c.onShutdown");
    assertThat(List.of(p.state(), c.state())).containsExactly(State.CRASHED, State.SHUTDOWN);
  }

  @Test
  void restartAfterAFailedStartStartsAgain() {
    Recorder p = new Recorder("p", history).failingIn("onStart");
    assertThatThrownBy(p::start).isInstanceOf(ServiceException.class);
    p.failIn = null;
    history.clear();

    p.restart();

    assertThat(history).containsExactly(
        "p.onStop", "p.onShutdown", "p.onRestart", "p.onStart", "p.onStarted");
    assertThat(p.state()).isEqualTo(State.RUNNING);
    assertThat(p.crashReason()).isNull();
    assertThat(p.restartCount()).isEqualTo(1);
  }

  @Test
  void failingStopHookIsLoggedAndTheStopGoesOn() {
    Recorder p = new Recorder("p", history).failingIn("onStop");
    Recorder c = p.addDependency(new Recorder("c", history));
    p.start();
    history.clear();

    try (LogCapture log = new LogCapture(Recorder.class)) {
      p.stop();
      assertThat(log.lines()).contains("ERROR [^p]: onStop failed; the stop goes on");
    }

    assertThat(history).containsExactly("p.onStop", "c.onStop", "c.onShutdown", "p.onShutdown");
    assertThat(List.of(p.state(), c.state())).containsOnly(State.SHUTDOWN);
  }

  @Test
  void initDependenciesAreAddedAtFirstStartOnly() {
    Recorder child = new Recorder("child", history);
    Recorder p =
        new Recorder("p", history) {
          @Override
          protected Iterable<? extends Service> onInitDependencies() {
            history.add("p.onInitDependencies");
            return List.of(child);
          }
        };

    p.start();
    p.restart();

    assertThat(p.dependencies()).containsExactly(child);
    assertThat(history).containsExactly(
        "p.onInitDependencies", "p.onFirstStart", "p.onStart",
        "child.onFirstStart", "child.onStart", "child.onStarted", "p.onStarted",
        "p.onStop", "child.onStop", "child.onShutdown", "p.onShutdown", "p.onRestart",
        "p.onStart", "child.onStart", "child.onStarted", "p.onStarted");
  }

  @Test
  void toStringShowsLabelAndState() {
    Recorder s = new Recorder("Web", history);
    assertThat(s).hasToString("<Web: INIT>");
    s.start();
    assertThat(s).hasToString("<Web: RUNNING>");
  }

  @Test
  void defaultLabelIsTheSimpleClassNameAndIdsAreUnique() {
    class Cache extends Service {}
    Service anonymous = new Service() {};
    Service cache = new Cache();

    assertThat(cache.label()).isEqualTo("Cache");
    assertThat(cache.shortLabel()).isEqualTo("Cache");
    assertThat(anonymous.label()).matches("ServiceLifecycleTest\\$\\d+");
    assertThat(new Cache() {}.label()).isEqualTo("Cache");
    assertThat(cache.id()).isNotEqualTo(anonymous.id());
  }

  @Test
  void logLinesCarryTheLabelPrefixWithOneDashPerLevelBelowTheRoot() {
    Recorder root = new Recorder("App", history);
    Recorder web = root.addDependency(new Recorder("Web", history));
    Recorder router = web.addDependency(new Recorder("Router", history));

    try (LogCapture log = new LogCapture(Recorder.class)) {
      root.start();
      root.stop();
      assertThat(log.lines()).containsExactly(
          "INFO [^App]: Starting...",
          "INFO [^-Web]: Starting...",
          "INFO [^--Router]: Starting...",
          "DEBUG [^--Router]: Started.",
          "DEBUG [^-Web]: Started.",
          "DEBUG [^App]: Started.",
          "INFO [^App]: Stopping...",
          "INFO [^-Web]: Stopping...",
          "INFO [^--Router]: Stopping...",
          "DEBUG [^--Router]: -Stopped!",
          "DEBUG [^-Web]: -Stopped!",
          "DEBUG [^App]: -Stopped!");
      assertThat(log.serviceIds()).containsExactly(
          root.id(), web.id(), router.id(), router.id(), web.id(), root.id(),
          root.id(), web.id(), router.id(), router.id(), web.id(), root.id());
    }
  }
}
