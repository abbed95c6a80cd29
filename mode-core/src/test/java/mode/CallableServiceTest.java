package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallableServiceTest {
  final List<String> history = new CopyOnWriteArrayList<>();

  @Test
  void startRunsTheJobToCompletionAndTheResultCarriesItsValue() throws Exception {
    Recorder app = new Recorder("app", history);
    CallableService<String> job = app.addDependency(Service.fromCallable("migrate", () -> {
      history.add("migrate runs");
      return "migrated";
    }));

    app.start();

    assertThat(job.result()).isCompletedWithValue("migrated");
    assertThat(job.label()).isEqualTo("migrate");
    assertThat(history).containsExactly(
        "app.onFirstStart", "app.onStart", "migrate runs", "app.onStarted");
    app.stop();
    assertThat(job.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void aFailingJobFailsTheStartWithItsException() {
    CallableService<Object> job = Service.fromCallable("load", () -> {
      throw new IOException("no such file");
    });

    assertThatThrownBy(job::start)
        .isInstanceOf(ServiceException.class)
        .hasMessageStartingWith("Service load failed to start: onStart threw java.io.IOException: no such file")
        .hasCauseInstanceOf(IOException.class);
    assertThat(job.state()).isEqualTo(State.CRASHED);
    assertThat(job.result()).isCompletedExceptionally();
  }

  @Test
  void aStopDuringTheJobInterruptsItAndCancelsTheResult() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CallableService<String> job = Service.fromCallable("wait", () -> {
      running.countDown();
      try {
        new CountDownLatch(1).await();
        return "never";
      } catch (InterruptedException e) {
        history.add("job interrupted");
        throw e;
      }
    });
    CompletableFuture<Void> starting = CompletableFuture.runAsync(job::start);
    running.await();

    job.stop();

    starting.get(10, TimeUnit.SECONDS);
    assertThat(job.state()).isEqualTo(State.SHUTDOWN);
    assertThat(job.result()).isCancelled();
    await().until(() -> history.contains("job interrupted"));
  }

  @Test
  void aRestartRunsTheJobAgainWithAFreshResult() {
    AtomicInteger runs = new AtomicInteger();
    CallableService<Integer> job = Service.fromCallable("count", runs::incrementAndGet);
    job.start();
    CompletableFuture<Integer> first = job.result();

    job.restart();

    assertThat(first).isCompletedWithValue(1);
    assertThat(job.result()).isCompletedWithValue(2);
    job.stop();
  }
}
