package mode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import mode.Service;
import org.junit.jupiter.api.Test;

class ActivitiesTest {

  static List<String> runningFor(Service s) {
    return Activities.running().stream()
        .filter(r -> r.service() == s)
        .map(r -> r.what() + " on " + r.thread().getName())
        .sorted()
        .toList();
  }

  static class Busy extends Service {
    final CountDownLatch inOnStart = new CountDownLatch(1);
    final CountDownLatch releaseOnStart = new CountDownLatch(1);
    final CountDownLatch working = new CountDownLatch(1);
    final CountDownLatch releaseWork = new CountDownLatch(1);
    volatile boolean napping;

    @Override
    protected void onStart() throws Exception {
      inOnStart.countDown();
      releaseOnStart.await();
    }

    @Task
    void worker() throws InterruptedException {
      working.countDown();
      releaseWork.await();
      napping = true;
      sleep(Duration.ofHours(1));
    }
  }

  @Test
  void hooksAndTaskStepsAreListedWhileTheyRunAndNotWhileTheySleep() throws Exception {
    Busy s = new Busy();
    Thread starting = Thread.ofPlatform().name("starter").start(s::start);
    s.inOnStart.await();
    assertThat(runningFor(s)).containsExactly("onStart on starter");

    s.releaseOnStart.countDown();
    starting.join();
    s.working.await();
    assertThat(runningFor(s)).containsExactly("task worker on Busy.worker");

    s.releaseWork.countDown();
    await().until(() -> s.napping && runningFor(s).isEmpty());

    s.stop();
    assertThat(runningFor(s)).isEmpty();
  }

  @Test
  void aRunningStepReportsItsThreadAndAgeThatGrows() throws Exception {
    Busy s = new Busy();
    CompletableFuture<Void> starting = CompletableFuture.runAsync(s::start);
    s.inOnStart.await();

    Activities.Running r = Activities.running().stream()
        .filter(x -> x.service() == s).findFirst().orElseThrow();
    assertThat(r.thread().isAlive()).isTrue();
    assertThat(r.elapsed()).isPositive();
    assertThat(r.token()).isNotNull();

    s.releaseOnStart.countDown();
    starting.get();
    s.releaseWork.countDown();
    s.stop();
  }
}
