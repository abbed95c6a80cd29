package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.internal.ServiceAccess;
import org.junit.jupiter.api.Test;

class ServiceDependenciesTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  @Test
  void runtimeDependencyOfARunningServiceStartsAtOnce() {
    Recorder p = new Recorder("p", history);
    p.start();
    history.clear();

    Recorder c = p.addRuntimeDependency(new Recorder("c", history));

    assertThat(history).containsExactly("c.onFirstStart", "c.onStart", "c.onStarted");
    assertThat(c.state()).isEqualTo(State.RUNNING);
    assertThat(p.dependencies()).containsExactly(c);
  }

  @Test
  void aRuntimeDependencyThatFailsToStartThrowsAndCrashesItsParent() {
    Recorder p = new Recorder("p", history);
    p.start();

    assertThatThrownBy(() -> p.addRuntimeDependency(new Recorder("c", history).failingIn("onStart")))
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service c failed to start: onStart threw java.io.IOException: c failed in onStart")
        .hasCauseInstanceOf(java.io.IOException.class);
    assertThat(p.state()).isEqualTo(State.CRASHED);
    assertThat(p.crashReason()).hasMessage("c failed in onStart");
  }

  @Test
  void runtimeDependencyOfAServiceNotStartedWaitsForItsStart() {
    Recorder p = new Recorder("p", history);
    Recorder c = p.addRuntimeDependency(new Recorder("c", history));
    assertThat(c.state()).isEqualTo(State.INIT);
    assertThat(history).isEmpty();
  }

  @Test
  void removeDependencyStopsTheChildAndRemovesTheEdge() {
    Recorder p = new Recorder("p", history);
    Recorder c = p.addDependency(new Recorder("c", history));
    p.start();
    history.clear();

    p.removeDependency(c);

    assertThat(history).containsExactly("c.onStop", "c.onShutdown");
    assertThat(p.dependencies()).isEmpty();
    assertThat(ServiceAccess.parent(c)).isNull();
    assertThat(p.state()).isEqualTo(State.RUNNING);
    assertThatThrownBy(() -> p.removeDependency(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("c is not a dependency of p");
  }

  @Test
  void aCycleIsRejectedNamingItsPath() {
    Recorder a = new Recorder("A", history);
    Recorder b = a.addDependency(new Recorder("B", history));
    Recorder c = b.addDependency(new Recorder("C", history));

    assertThatThrownBy(() -> c.addDependency(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adding A as a dependency of C would create a cycle: C -> A -> B -> C");
    assertThat(c.dependencies()).isEmpty();
  }

  @Test
  void leavesAddedFreshKeepTheirOrderAndALeafThatGrowsIsCheckedForCycles() {
    Recorder root = new Recorder("Root", history);
    Recorder a = root.addDependency(new Recorder("A", history));
    Recorder b = root.addDependency(new Recorder("B", history));
    Recorder c = root.addDependency(new Recorder("C", history));
    root.addDependency(b); // an edge that exists: no change

    root.removeDependency(b);
    Recorder d = root.addDependency(new Recorder("D", history));
    assertThat(root.dependencies()).containsExactly(a, c, d);
    assertThat(ServiceAccess.parent(d)).isSameAs(root);

    // A leaf once had no children (no walk was needed to add it); now it has, and closing a cycle
    // through it is refused.
    Recorder e = a.addDependency(new Recorder("E", history));
    assertThatThrownBy(() -> e.addDependency(root))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adding Root as a dependency of E would create a cycle: E -> Root -> A -> E");
    assertThat(e.dependencies()).isEmpty();
    assertThatThrownBy(() -> root.dependencies().add(e)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void selfAndNullDependenciesAreRejected() {
    Recorder a = new Recorder("A", history);
    assertThatThrownBy(() -> a.addDependency(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Service A cannot depend on itself");
    assertThatThrownBy(() -> a.addDependency(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Service A: a dependency must not be null");
  }

  @Test
  void aSharedDependencyStartsOnceAndItsParentIsTheLastServiceThatAddedIt() {
    Recorder root = new Recorder("root", history);
    Recorder x = root.addDependency(new Recorder("x", history));
    Recorder y = root.addDependency(new Recorder("y", history));
    Recorder shared = x.addDependency(new Recorder("shared", history));
    y.addDependency(shared);

    root.start();

    assertThat(history).containsExactly(
        "root.onFirstStart", "root.onStart",
        "x.onFirstStart", "x.onStart",
        "shared.onFirstStart", "shared.onStart", "shared.onStarted",
        "x.onStarted",
        "y.onFirstStart", "y.onStart", "y.onStarted",
        "root.onStarted");
    assertThat(ServiceAccess.parent(shared)).isSameAs(y);
    y.removeDependency(shared);
    assertThat(ServiceAccess.parent(shared)).isSameAs(x);
  }

  @Test
  void stopWhileStartingEndsInShutdown() throws Exception {
    CountDownLatch inOnStart = new CountDownLatch(1);
    Recorder child = new Recorder("child", history);
    Recorder slow = new Recorder("slow", history) {
      @Override
      protected void onStart() throws Exception {
        super.onStart();
        inOnStart.countDown();
        sleep(Duration.ofHours(1)); // woken by the stop request
      }
    };
    slow.addDependency(child);
    CompletableFuture<Void> starting = CompletableFuture.runAsync(slow::start);
    inOnStart.await();

    slow.stop();
    starting.get();

    assertThat(history).containsExactly(
        "slow.onFirstStart", "slow.onStart",
        "slow.onStop", "child.onStop", "child.onShutdown", "slow.onShutdown");
    assertThat(List.of(slow.state(), child.state())).containsOnly(State.SHUTDOWN);
  }

  @Test
  void stopWhileADependencyIsStartingWakesItAndEndsInShutdown() throws Exception {
    CountDownLatch inOnStart = new CountDownLatch(1);
    Recorder root = new Recorder("root", history);
    Recorder slow = root.addDependency(new Recorder("slow", history) {
      @Override
      protected void onStart() throws Exception {
        super.onStart();
        inOnStart.countDown();
        sleep(Duration.ofHours(1)); // woken when root is asked to stop
      }
    });
    Recorder later = root.addDependency(new Recorder("later", history));
    CompletableFuture<Void> starting = CompletableFuture.runAsync(root::start);
    inOnStart.await();

    root.stop();
    starting.get();

    assertThat(history).containsExactly(
        "root.onFirstStart", "root.onStart", "slow.onFirstStart", "slow.onStart",
        "root.onStop", "later.onStop", "later.onShutdown", "slow.onStop", "slow.onShutdown",
        "root.onShutdown");
    assertThat(List.of(root.state(), slow.state(), later.state())).containsOnly(State.SHUTDOWN);
  }

  @Test
  void aCrashWhileStartingFailsTheStart() {
    Recorder parent = new Recorder("parent", history);
    Recorder child = new Recorder("child", history) {
      @Override
      protected void onStart() throws Exception {
        super.onStart();
        parent.crash(new IllegalStateException("parent broke"));
      }
    };
    parent.addDependency(child);

    assertThatThrownBy(parent::start)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service parent failed to start: it crashed while starting:"
            + " java.lang.IllegalStateException: parent broke")
        .hasCauseInstanceOf(IllegalStateException.class);

    assertThat(history).containsExactly(
        "parent.onFirstStart", "parent.onStart", "child.onFirstStart", "child.onStart",
        "child.onStarted", "child.onStop", "child.onShutdown");
    assertThat(List.of(parent.state(), child.state()))
        .containsExactly(State.CRASHED, State.SHUTDOWN);
  }

  @Test
  void onStartCallingStopEndsTheStartQuietly() {
    Recorder s = new Recorder("s", history) {
      @Override
      protected void onStart() throws Exception {
        super.onStart();
        stop();
      }
    };

    s.start();

    assertThat(history).containsExactly("s.onFirstStart", "s.onStart", "s.onStop", "s.onShutdown");
    assertThat(s.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void concurrentStopsBothReturnAfterTheStopCompleted() throws Exception {
    CountDownLatch inOnStop = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Recorder s = new Recorder("s", history) {
      @Override
      protected void onStop() throws Exception {
        super.onStop();
        inOnStop.countDown();
        release.await();
      }
    };
    s.start();
    CompletableFuture<Void> first = CompletableFuture.runAsync(s::stop);
    inOnStop.await();
    CompletableFuture<State> second = CompletableFuture.supplyAsync(() -> {
      s.stop();
      return s.state();
    });

    release.countDown();

    first.get();
    assertThat(second.get()).isEqualTo(State.SHUTDOWN);
    assertThat(history).containsExactly(
        "s.onFirstStart", "s.onStart", "s.onStarted", "s.onStop", "s.onShutdown");
  }
}
