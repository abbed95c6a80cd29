package mode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import mode.Service;
import org.junit.jupiter.api.Test;

/** How steps of many, nested and dead threads show in {@link Activities#running()}. */
class ActivitiesThreadsTest {
  static final class Plain extends Service {}

  static List<String> whatFor(Service s) {
    return Activities.running().stream()
        .filter(r -> r.service() == s)
        .map(r -> r.what() + " on " + r.thread().getName())
        .sorted()
        .toList();
  }

  @Test
  void nestedStepsOfOneThreadAreAllListedAndEndInnermostFirst() {
    Plain s = new Plain();
    Thread.currentThread().setName("nesting");
    Activities.Step outer = Activities.begin(s, "outer");
    Activities.Step inner = Activities.begin(s, "inner");
    assertThat(whatFor(s)).containsExactly("inner on nesting", "outer on nesting");

    Activities.end(inner);
    assertThat(whatFor(s)).containsExactly("outer on nesting");
    Activities.end(outer);
    assertThat(whatFor(s)).isEmpty();
  }

  @Test
  void aPausedStepIsLeftOutUntilItResumes() {
    Plain s = new Plain();
    Activities.Step step = Activities.begin(s, "waiting");
    Activities.pause();
    assertThat(whatFor(s)).isEmpty();
    Activities.resume();
    assertThat(whatFor(s)).hasSize(1);
    Activities.end(step);
  }

  @Test
  void aStepLeftOpenByAThreadThatDiedIsNotListed() throws Exception {
    Plain s = new Plain();
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread t = Thread.ofPlatform().name("abandoner").start(() -> {
      Activities.begin(s, "abandoned");
      begun.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    begun.await();
    assertThat(whatFor(s)).containsExactly("abandoned on abandoner");

    release.countDown();
    t.join();
    assertThat(whatFor(s)).isEmpty();
  }

  @Test
  void stepsOfManyVirtualThreadsAreListedWhileOpenAndGoneOnceEnded() throws Exception {
    Plain s = new Plain();
    int n = 200;
    CountDownLatch begun = new CountDownLatch(n);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      threads.add(Thread.ofVirtual().name("v" + i).start(() -> {
        Activities.Step step = Activities.begin(s, "work");
        begun.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          Activities.end(step);
        }
      }));
    }
    begun.await();
    assertThat(whatFor(s)).hasSize(n).allMatch(w -> w.startsWith("work on v"));

    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(whatFor(s)).isEmpty();
  }
}
