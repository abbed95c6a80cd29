package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ServiceWaitsTest {
  static final Duration LONG = Duration.ofMinutes(5);
  final List<String> history = new CopyOnWriteArrayList<>();
  final Recorder service = new Recorder("w", history);

  /** Work that blocks until interrupted and records how it ended. */
  class Blocking implements Callable<String> {
    final String name;
    final CountDownLatch running = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);

    Blocking(String name) {
      this.name = name;
    }

    @Override
    public String call() {
      running.countDown();
      try {
        new CountDownLatch(1).await();
        return name;
      } catch (InterruptedException e) {
        history.add(name + " interrupted on " + Thread.currentThread().getName());
        return null;
      } finally {
        ended.countDown();
      }
    }
  }

  /** Runs a wait on another thread, as a task of the service would. */
  static <T> CompletableFuture<T> inBackground(Callable<T> wait) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        f.complete(wait.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f;
  }

  @Test
  void waitForReturnsTheValueOfTheWork() throws Exception {
    service.start();

    assertThat(service.waitFor(() -> "done", LONG)).isEqualTo(new WaitResult<>("done", false));
    service.stop();
  }

  @Test
  void waitForReturnsStoppedAndCancelsTheWorkWhenTheServiceStops() throws Exception {
    service.start();
    Blocking work = new Blocking("job");
    CompletableFuture<WaitResult<String>> waiting = inBackground(() -> service.waitFor(work, LONG));
    work.running.await();

    service.stop();

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new WaitResult<>(null, true));
    assertThat(work.ended.await(10, TimeUnit.SECONDS)).isTrue();
    // The wait ends as soon as the stop is requested, concurrently with onStop.
    assertThat(history).contains("job interrupted on w.wait-1");
  }

  @Test
  void waitForReturnsStoppedAndCancelsTheFutureWhenTheServiceCrashes() throws Exception {
    service.start();
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<WaitResult<String>> waiting = inBackground(() -> service.waitFor(never, LONG));

    service.crash(new IllegalStateException("boom"));

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new WaitResult<>(null, true));
    assertThat(never).isCancelled();
    service.stop();
  }

  @Test
  void aWaitThatTimesOutThrowsNamingTheServiceAndCancelsTheWork() throws Exception {
    service.start();
    Blocking work = new Blocking("slow");

    assertThatThrownBy(() -> service.waitFor(work, Duration.ofMillis(20)))
        .isInstanceOf(TimeoutException.class)
        .hasMessage("Service w waited PT0.02S for a callable in vain; cancelled it");
    assertThat(work.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(history).endsWith("slow interrupted on w.wait-1");
    assertThat(service.state()).isEqualTo(State.RUNNING);
    service.stop();
  }

  @Test
  void aFailingWorkReachesTheWaiterAndDoesNotCrashTheService() {
    service.start();

    assertThatThrownBy(() -> service.waitFor(() -> {
          throw new IOException("disk gone");
        }, LONG))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasRootCauseMessage("disk gone");
    assertThat(service.state()).isEqualTo(State.RUNNING);
    service.stop();
  }

  @Test
  void waitForAcceptsAPlainFutureAndWakesWhenItCompletes() throws Exception {
    service.start();
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<Integer> plain = pool.submit(() -> {
        go.await();
        return 42;
      });
      CompletableFuture<WaitResult<Integer>> waiting = inBackground(() -> service.waitFor(plain, LONG));

      go.countDown();

      assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new WaitResult<>(42, false));
    }
    service.stop();
  }

  @Test
  void aWaitInAStoppedServiceReturnsStoppedAtOnce() throws Exception {
    service.start();
    service.stop();
    CompletableFuture<String> never = new CompletableFuture<>();

    assertThat(service.waitFor(never, LONG).stopped()).isTrue();
    assertThat(never).isCancelled();
  }

  @Test
  void waitFirstReturnsTheFirstToFinishAndCancelsTheOthers() throws Exception {
    service.start();
    Blocking slow = new Blocking("slow");

    WaitResults<String> r = service.waitFirst(LONG, slow, () -> "fast");

    assertThat(r).isEqualTo(new WaitResults<>(List.of(1), List.of("fast"), false));
    assertThat(slow.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(history).containsExactly(
        "w.onFirstStart", "w.onStart", "w.onStarted", "slow interrupted on w.wait-1");
    service.stop();
  }

  @Test
  void waitManyReturnsEveryValueInArgumentOrder() throws Exception {
    service.start();
    CountDownLatch secondDone = new CountDownLatch(1);

    WaitResults<String> r = service.waitMany(LONG, () -> {
      secondDone.await(); // finishes last, still listed first
      return "a";
    }, () -> {
      secondDone.countDown();
      return null;
    });

    assertThat(r.done()).containsExactly(0, 1);
    assertThat(r.results()).containsExactly("a", null);
    assertThat(r.stopped()).isFalse();
    service.stop();
  }

  @Test
  void waitManyReturnsStoppedAndCancelsEverythingWhenTheServiceStops() throws Exception {
    service.start();
    Blocking a = new Blocking("a");
    Blocking b = new Blocking("b");
    CompletableFuture<WaitResults<String>> waiting = inBackground(() -> service.waitMany(LONG, a, b));
    a.running.await();
    b.running.await();

    service.stop();

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new WaitResults<>(List.of(), List.of(), true));
    assertThat(a.ended.await(10, TimeUnit.SECONDS) && b.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(history).contains("a interrupted on w.wait-1", "b interrupted on w.wait-2");
  }

  @Test
  void waitManyThatTimesOutThrowsAndCancelsTheUnfinishedWork() throws Exception {
    service.start();
    Blocking slow = new Blocking("slow");

    assertThatThrownBy(() -> service.waitMany(Duration.ofMillis(20), () -> "quick", slow))
        .isInstanceOf(TimeoutException.class)
        .hasMessage("Service w waited PT0.02S for all of 2 pieces of work in vain; cancelled it");
    assertThat(slow.ended.await(10, TimeUnit.SECONDS)).isTrue();
    service.stop();
  }

  @Test
  void waitFirstThrowsTheFailureOfTheFinishedWork() {
    service.start();
    Blocking slow = new Blocking("slow");

    assertThatThrownBy(() -> service.waitFirst(LONG, slow, () -> {
          throw new IllegalStateException("bad input");
        }))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("bad input");
    service.stop();
  }

  @Test
  void waitingForNothingIsRejected() {
    assertThatThrownBy(() -> service.<String>waitFirst(LONG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("w: nothing to wait for");
  }
}
