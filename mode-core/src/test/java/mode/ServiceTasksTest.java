package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceTasksTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  /**
   * A task that sleeps for an hour. How it woke is recorded by onStop, which waits for the wake:
   * the stop interrupts tasks only after onStop, so a wake seen there came from the stop request.
   */
  static class Sleeper extends Recorder {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch sleeping = new CountDownLatch(1);
    final CountDownLatch woke = new CountDownLatch(1);
    volatile String wake;

    Sleeper(String name, List<String> history) {
      super(name, history);
    }

    @Override
    protected void onStarted() throws Exception {
      super.onStarted();
      started.countDown();
    }

    @Override
    protected void onStop() throws Exception {
      super.onStop();
      history.add(woke.await(10, TimeUnit.SECONDS) ? wake : name + ".nap still sleeping");
    }

    @Task
    private void nap() throws InterruptedException {
      started.await(); // the history stays deterministic: the task runs alongside the start
      history.add(name + ".nap begins");
      sleeping.countDown();
      sleep(Duration.ofHours(1));
      wake = name + ".nap ends, interrupted=" + Thread.currentThread().isInterrupted()
          + ", shouldStop=" + shouldStop();
      woke.countDown();
    }
  }

  @Test
  void taskStartsAfterOnStartAndSleepWakesOnStop() throws Exception {
    Sleeper s = new Sleeper("s", history);
    s.start();
    s.sleeping.await();

    s.stop();

    assertThat(history).containsExactly(
        "s.onFirstStart", "s.onStart", "s.onStarted", "s.nap begins",
        "s.onStop", "s.nap ends, interrupted=false, shouldStop=true", "s.onShutdown");
  }

  @Test
  void sleepWakesOnCrash() throws Exception {
    Sleeper s = new Sleeper("s", history);
    s.start();
    s.sleeping.await();

    s.crash(new IllegalStateException("boom"));

    assertThat(s.woke.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(s.wake).isEqualTo("s.nap ends, interrupted=false, shouldStop=true");
    assertThat(s.state()).isEqualTo(State.CRASHED);
    s.stop();
    assertThat(s.state()).isEqualTo(State.SHUTDOWN);
    assertThat(s.crashReason()).hasMessage("boom");
  }

  @Test
  void waitUntilStoppedReturnsTrueOnStopOrCrashAndFalseOnTimeout() throws Exception {
    Recorder stopped = new Recorder("stopped", history);
    Recorder crashed = new Recorder("crashed", history);
    Recorder idle = new Recorder("idle", history);
    stopped.start();
    crashed.start();
    CompletableFuture<Boolean> onStop =
        CompletableFuture.supplyAsync(() -> stopped.waitUntilStopped(Duration.ofHours(1)));
    CompletableFuture<Boolean> onCrash =
        CompletableFuture.supplyAsync(() -> crashed.waitUntilStopped(Duration.ofHours(1)));

    stopped.stop();
    crashed.crash(new IllegalStateException("boom"));

    assertThat(onStop.get()).isTrue();
    assertThat(onCrash.get()).isTrue();
    assertThat(idle.waitUntilStopped(Duration.ofMillis(1))).isFalse();
  }

  static class Failing extends Recorder {
    final CountDownLatch fail = new CountDownLatch(1);

    Failing(List<String> history) {
      super("leaf", history);
    }

    @Task
    void work() throws InterruptedException {
      fail.await();
      throw new IllegalStateException("task failed");
    }
  }

  @Test
  void taskFailureCrashesItsServiceAndItsAncestorsButNotSiblings() {
    Recorder root = new Recorder("root", history);
    Recorder mid = root.addDependency(new Recorder("mid", history));
    Recorder sibling = root.addDependency(new Recorder("sibling", history));
    Failing leaf = new Failing(history);
    root.start();

    mid.addRuntimeDependency(leaf);
    assertThat(leaf.state()).isEqualTo(State.RUNNING);
    leaf.fail.countDown();

    await().until(() -> root.state() == State.CRASHED);
    assertThat(List.of(leaf.state(), mid.state(), root.state(), sibling.state()))
        .containsExactly(State.CRASHED, State.CRASHED, State.CRASHED, State.RUNNING);
    assertThat(root.crashReason()).isSameAs(leaf.crashReason()).hasMessage("task failed");
    root.stop();
    assertThat(List.of(leaf.state(), mid.state(), root.state(), sibling.state()))
        .containsOnly(State.SHUTDOWN);
  }

  @Test
  void crashOfASupervisedSubtreeNotifiesTheSupervisorAndStopsThere() {
    Recorder root = new Recorder("root", history);
    Recorder supervised = root.addDependency(new Recorder("supervised", history));
    Recorder leaf = supervised.addDependency(new Recorder("leaf", history));
    List<String> crashes = new CopyOnWriteArrayList<>();
    mode.internal.ServiceAccess.setSupervisor(
        supervised,
        (s, origin, reason) ->
            crashes.add(s.label() + " " + origin.label() + " " + reason.getMessage() + " " + s.state()));
    root.start();

    leaf.crash(new IllegalStateException("leaf broke"));

    assertThat(crashes).containsExactly("supervised leaf leaf broke CRASHED");
    assertThat(List.of(leaf.state(), supervised.state(), root.state()))
        .containsExactly(State.CRASHED, State.CRASHED, State.RUNNING);
    assertThat(mode.internal.ServiceAccess.supervisor(supervised)).isNotNull();
    supervised.restart();
    assertThat(List.of(leaf.state(), supervised.state())).containsOnly(State.RUNNING);
    assertThat(leaf.crashReason()).isNull();
  }

  @Test
  void crashingTwiceKeepsTheFirstReason() {
    Recorder s = new Recorder("s", history);
    s.start();
    s.crash(new IllegalStateException("first"));
    s.crash(new IllegalStateException("second"));
    assertThat(s.crashReason()).hasMessage("first");
  }

  @Test
  void addFutureCompletesWithTheValue() throws Exception {
    Recorder s = new Recorder("s", history);
    s.start();
    assertThat(s.addFuture(() -> 42).get()).isEqualTo(42);
    assertThat(s.state()).isEqualTo(State.RUNNING);
  }

  @Test
  void failingFutureCrashesTheService() {
    Recorder s = new Recorder("s", history);
    s.start();
    CompletableFuture<Object> f = s.addFuture(() -> {
      throw new IllegalArgumentException("bad input");
    });

    assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    await().until(() -> s.state() == State.CRASHED);
    assertThat(s.crashReason()).hasMessage("bad input");
  }

  @Test
  void stopCancelsFuturesAfterChildrenAndBeforeOnShutdown() throws Exception {
    Recorder p = new Recorder("p", history);
    p.addDependency(new Recorder("c", history));
    p.start();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Void> f = p.addFuture(() -> {
      running.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        history.add("future interrupted");
        throw e;
      }
      return null;
    });
    running.await();
    history.clear();

    p.stop();

    assertThat(history).containsExactly(
        "p.onStop", "c.onStop", "c.onShutdown", "future interrupted", "p.onShutdown");
    assertThat(f).isCancelled();
    assertThat(p.state()).isEqualTo(State.SHUTDOWN);
  }

  static class Stuck extends Service {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch spinning = new CountDownLatch(1);

    @Override
    protected Duration shutdownTimeout() {
      return Duration.ofMillis(50);
    }

    @Task
    void spin() {
      spinning.countDown();
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // deliberately ignores interruption
        }
      }
    }
  }

  @Test
  void stuckTaskIsReportedWithItsStackAndTheStopCompletes() throws Exception {
    Stuck s = new Stuck();
    s.start();
    s.spinning.await();
    try (LogCapture log = new LogCapture(Stuck.class)) {
      s.stop();

      assertThat(s.state()).isEqualTo(State.SHUTDOWN);
      assertThat(log.lines()).filteredOn(l -> l.startsWith("WARN")).singleElement()
          .asString()
          .startsWith("WARN [^Stuck]: Task Stuck.spin did not stop within PT0.05S after being"
              + " interrupted; leaving it running. Stack:")
          .contains("mode.ServiceTasksTest$Stuck.spin(");
    } finally {
      s.release.countDown();
    }
  }

  @Test
  void addFutureOnAShutDownServiceIsRejected() {
    Recorder s = new Recorder("s", history);
    s.stop();
    assertThatThrownBy(() -> s.addFuture(() -> 1))
        .isInstanceOf(ServiceException.class)
        .hasMessage("Cannot add a future to service s: it is SHUTDOWN");
  }

  @Test
  void tasksRunOnVirtualThreadsNamedAfterServiceAndMethod() throws Exception {
    CompletableFuture<String> name = new CompletableFuture<>();
    Service s = new Service() {
      @Override
      public String label() {
        return "Named";
      }

      @Task
      void work() {
        Thread t = Thread.currentThread();
        name.complete(t.getName() + " virtual=" + t.isVirtual());
      }
    };
    s.start();
    assertThat(name.get()).isEqualTo("Named.work virtual=true");
    s.stop();
  }
}
