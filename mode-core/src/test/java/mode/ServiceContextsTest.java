package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceContextsTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  /** A resource that records its close, optionally failing it. */
  record Resource(String name, List<String> history, boolean fails) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      history.add(name + " closed on " + Thread.currentThread().getName());
      if (fails) {
        throw new IOException(name + " cannot close");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Opens resources a and b in onStart and runs a task that records its interruption. */
  static class Holder extends Recorder {
    final CountDownLatch taskRunning = new CountDownLatch(1);
    volatile boolean aFails;

    Holder(String name, List<String> history) {
      super(name, history);
    }

    @Override
    protected void onStart() throws Exception {
      super.onStart();
      addContext(new Resource("a", history, aFails));
      addContext(new Resource("b", history, false));
    }

    @Task
    void work() {
      taskRunning.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        history.add(name + ".work interrupted");
      }
    }
  }

  @Test
  void contextsCloseInReverseOrderAfterTasksAndDependenciesAndBeforeOnShutdown() throws Exception {
    Holder h = new Holder("h", history);
    h.addDependency(new Recorder("child", history));
    h.start();
    h.taskRunning.await();
    String me = Thread.currentThread().getName();

    h.stop();

    assertThat(history).containsExactly(
        "h.onFirstStart", "h.onStart", "child.onFirstStart", "child.onStart", "child.onStarted",
        "h.onStarted",
        "h.onStop", "child.onStop", "child.onShutdown", "h.work interrupted",
        "b closed on " + me, "a closed on " + me, "h.onShutdown");
  }

  @Test
  void aContextThatFailsToCloseIsLoggedWithTheLabelAndTheOthersStillClose() throws Exception {
    Holder h = new Holder("h", history);
    h.aFails = true;
    h.addContext(new Resource("first", history, true));
    h.start();
    String me = Thread.currentThread().getName();

    try (LogCapture log = new LogCapture(Holder.class)) {
      h.stop();

      assertThat(log.lines()).contains(
          "ERROR [^h]: Context a of service h failed to close; closing the others",
          "ERROR [^h]: Context first of service h failed to close; closing the others");
    }
    assertThat(history).endsWith(
        "b closed on " + me, "a closed on " + me, "first closed on " + me, "h.onShutdown");
    assertThat(h.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void aFailedStartClosesTheContextsOpenedSoFar() {
    Holder h = new Holder("h", history);
    h.failingIn("onStarted");

    assertThatThrownBy(h::start).isInstanceOf(ServiceException.class).hasRootCauseMessage("h failed in onStarted");

    assertThat(history).filteredOn(line -> line.contains("closed")).hasSize(2);
    assertThat(history).filteredOn(line -> line.contains("closed"))
        .satisfiesExactly(b -> assertThat(b).startsWith("b closed"), a -> assertThat(a).startsWith("a closed"));
    assertThat(h.state()).isEqualTo(State.CRASHED);
  }

  @Test
  void everyRunClosesWhatItsOnStartOpened() {
    Holder h = new Holder("h", history);
    h.start();
    h.restart();
    h.stop();

    assertThat(history).filteredOn(line -> line.contains("closed")).hasSize(4);
  }

  @Test
  void aServiceThreadClosesItsContextsOnItsOwnThread() {
    List<String> closes = new CopyOnWriteArrayList<>();
    ServiceThread t = new ServiceThread() {
      @Override
      public String label() {
        return "t";
      }

      @Override
      protected void onStart() {
        addContext(new Resource("r", closes, false));
      }
    };
    t.start();
    t.stop();

    assertThat(closes).containsExactly("r closed on ServiceThread-t");
  }

  @Test
  void addingAContextToAShutDownServiceFailsAndNamesTheService() {
    Recorder r = new Recorder("r", history);
    r.start();
    r.stop();

    assertThatThrownBy(() -> r.addContext(new Resource("late", history, false)))
        .isInstanceOf(ServiceException.class)
        .hasMessage("Cannot add context late to service r: it is SHUTDOWN");
    assertThat(history).noneMatch(line -> line.contains("closed"));
  }
}
