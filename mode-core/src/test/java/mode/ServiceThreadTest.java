package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceThreadTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  /** Records every hook with the kind of thread it ran on. */
  class Worker extends ServiceThread {
    final String name;
    volatile String failIn;
    volatile CountDownLatch blockInOnStop;
    volatile Thread taskThread;
    final CountDownLatch taskRan = new CountDownLatch(1);

    Worker(String name) {
      this.name = name;
    }

    @Override
    public String label() {
      return name;
    }

    private void record(String hook) throws IOException {
      Thread t = Thread.currentThread();
      history.add(name + "." + hook + " on " + t.getName() + (t.isVirtual() ? " (virtual)" : ""));
      if (hook.equals(failIn)) {
        throw new IOException(name + " failed in " + hook);
      }
    }

    @Task
    void poll() {
      taskThread = Thread.currentThread();
      taskRan.countDown();
    }

    @Override
    protected void onFirstStart() throws Exception {
      record("onFirstStart");
    }

    @Override
    protected void onStart() throws Exception {
      record("onStart");
    }

    @Override
    protected void onStarted() throws Exception {
      record("onStarted");
    }

    @Override
    protected void onStop() throws Exception {
      record("onStop");
      CountDownLatch block = blockInOnStop;
      if (block != null) {
        while (block.getCount() > 0) {
          try {
            block.await();
          } catch (InterruptedException ignoredOnPurpose) {
            // simulates code that does not honour interruption
          }
        }
      }
    }

    @Override
    protected void onShutdown() throws Exception {
      record("onShutdown");
    }

    @Override
    protected void onRestart() throws Exception {
      record("onRestart");
    }

    @Override
    protected Duration shutdownTimeout() {
      return Duration.ofMillis(300);
    }
  }

  @Test
  void hooksRunOnTheServicesOwnPlatformThreadAndStartReturnsAfterThem() throws Exception {
    Worker w = new Worker("w");

    w.start();
    Thread runThread = w.thread();
    List<String> afterStart = List.copyOf(history);
    w.taskRan.await();
    w.stop();

    assertThat(afterStart).containsExactly(
        "w.onFirstStart on ServiceThread-w", "w.onStart on ServiceThread-w", "w.onStarted on ServiceThread-w");
    assertThat(history).containsExactly(
        "w.onFirstStart on ServiceThread-w", "w.onStart on ServiceThread-w", "w.onStarted on ServiceThread-w",
        "w.onStop on ServiceThread-w", "w.onShutdown on ServiceThread-w");
    assertThat(runThread.isVirtual()).isFalse();
    assertThat(runThread.isAlive()).isFalse();
    assertThat(w.thread()).isNull();
    assertThat(w.taskThread.isVirtual()).isFalse();
    assertThat(w.taskThread.getName()).isEqualTo("w.poll");
    assertThat(w.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void aHookFailingOnTheThreadCrashesTheServiceAndFailsStart() {
    Worker w = new Worker("w");
    w.failIn = "onStart";

    assertThatThrownBy(w::start)
        .isInstanceOf(ServiceException.class)
        .hasMessage("Service w failed to start: onStart threw java.io.IOException: w failed in onStart")
        .cause().isInstanceOf(IOException.class);

    assertThat(w.state()).isEqualTo(State.CRASHED);
    assertThat(w.crashReason()).hasMessage("w failed in onStart");
    assertThat(w.thread()).isNull();
    assertThat(history).containsExactly(
        "w.onFirstStart on ServiceThread-w", "w.onStart on ServiceThread-w");
  }

  @Test
  void restartEndsTheOldThreadAndRunsTheNewRunOnAFreshOne() {
    Worker w = new Worker("w");
    w.start();
    Thread first = w.thread();
    history.clear();

    w.restart();
    Thread second = w.thread();
    w.stop();

    assertThat(second).isNotSameAs(first);
    assertThat(first.isAlive()).isFalse();
    assertThat(history).containsExactly(
        "w.onStop on ServiceThread-w", "w.onShutdown on ServiceThread-w",
        "w.onRestart on ServiceThread-w", "w.onStart on ServiceThread-w", "w.onStarted on ServiceThread-w",
        "w.onStop on ServiceThread-w", "w.onShutdown on ServiceThread-w");
    assertThat(w.restartCount()).isEqualTo(1);
  }

  @Test
  void aStopHookStuckOnTheThreadIsReportedAndTheStopCompletesOnAFreshThread() {
    Worker w = new Worker("w");
    w.start();
    Thread stuck = w.thread();
    CountDownLatch release = new CountDownLatch(1);
    w.blockInOnStop = release;

    try (LogCapture log = new LogCapture(Worker.class)) {
      w.stop();

      assertThat(w.state()).isEqualTo(State.SHUTDOWN);
      assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
          "WARN [^w]: Thread ServiceThread-w is stuck in a stop hook; leaving it behind. Stack:"));
      assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
          "ERROR [^w]: onStop failed; the stop goes on"));
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !stuck.isAlive());
    assertThat(history).containsExactly(
        "w.onFirstStart on ServiceThread-w", "w.onStart on ServiceThread-w", "w.onStarted on ServiceThread-w",
        "w.onStop on ServiceThread-w", "w.onShutdown on ServiceThread-w");
    assertThat(w.thread()).isNull();
  }

  @Test
  void aServiceThreadDependencyIsStartedAndStoppedByItsParentOnItsOwnThread() {
    Recorder parent = new Recorder("p", history);
    parent.addDependency(new Worker("w"));
    String me = Thread.currentThread().getName();

    parent.start();
    parent.stop();

    assertThat(history).containsExactly(
        "p.onFirstStart", "p.onStart",
        "w.onFirstStart on ServiceThread-w", "w.onStart on ServiceThread-w", "w.onStarted on ServiceThread-w",
        "p.onStarted",
        "p.onStop",
        "w.onStop on ServiceThread-w", "w.onShutdown on ServiceThread-w",
        "p.onShutdown");
    assertThat(me).doesNotStartWith("ServiceThread");
  }
}
