package mode.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mode.Service;
import mode.Worker;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.internal.Activities;
import org.junit.jupiter.api.Test;

class BlockingDetectorTest {

  /** Its onStart blocks (busy, not in sleep) until released. */
  static final class Stuck extends Service {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected void onStart() throws InterruptedException {
      release.await();
    }
  }

  private static boolean isRunningOnStart(Stuck stuck, Duration longerThan) {
    return Activities.running().stream()
        .anyMatch(r -> r.service() == stuck && r.elapsed().compareTo(longerThan) > 0);
  }

  @Test
  void aBlockedHookIsReportedOnceWithItsStackAndAnEvent() throws Exception {
    Stuck stuck = new Stuck();
    List<ServiceEvent.Blocking> events = new CopyOnWriteArrayList<>();
    Duration timeout = Duration.ofMillis(1);
    Thread starter = Thread.ofVirtual().start(stuck::start);
    try (EventSubscription subscription =
        ServiceEvents.subscribe(stuck, e -> {
          if (e instanceof ServiceEvent.Blocking b) {
            events.add(b);
          }
        })) {
      await().until(() -> isRunningOnStart(stuck, timeout));
      BlockingDetector detector = new BlockingDetector(timeout);
      List<Activities.Running> first = detector.checkOnce();
      List<Activities.Running> second = detector.checkOnce();

      assertThat(first).singleElement().satisfies(r -> {
        assertThat(r.service()).isSameAs(stuck);
        assertThat(r.what()).isEqualTo("onStart");
        assertThat(r.thread()).isSameAs(starter);
      });
      assertThat(second).isEmpty();
      await().until(() -> !events.isEmpty());
      assertThat(events).singleElement().satisfies(b -> {
        assertThat(b.serviceId()).isEqualTo(stuck.id());
        assertThat(b.what()).isEqualTo("onStart");
        assertThat(b.elapsed()).isGreaterThan(timeout);
        assertThat(b.stack()).contains("BlockingDetectorTest$Stuck.onStart");
      });
    } finally {
      stuck.release.countDown();
      starter.join();
      stuck.stop();
    }
  }

  /** Its timer callback blocks on the first tick until released. */
  static final class StuckTimer extends Service {
    final CountDownLatch ticking = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Service.Timer(0.01)
    void tick() throws InterruptedException {
      ticking.countDown();
      release.await();
    }
  }

  @Test
  void aTimerCallbackThatBlocksIsReportedWithItsThreadAndStack() throws Exception {
    StuckTimer stuck = new StuckTimer();
    List<ServiceEvent.Blocking> events = new CopyOnWriteArrayList<>();
    stuck.start();
    try (EventSubscription subscription =
        ServiceEvents.subscribe(stuck, e -> {
          if (e instanceof ServiceEvent.Blocking b) {
            events.add(b);
          }
        })) {
      stuck.ticking.await();
      Duration timeout = Duration.ofMillis(1);
      await().until(() -> Activities.running().stream()
          .anyMatch(r -> r.service() == stuck && r.elapsed().compareTo(timeout) > 0));

      assertThat(new BlockingDetector(timeout).checkOnce()).singleElement().satisfies(r -> {
        assertThat(r.service()).isSameAs(stuck);
        assertThat(r.what()).isEqualTo("timer tick");
        assertThat(r.thread().getName()).isEqualTo("StuckTimer.tick");
      });
      await().until(() -> !events.isEmpty());
      assertThat(events).singleElement().satisfies(b -> {
        assertThat(b.what()).isEqualTo("timer tick");
        assertThat(b.stack()).contains("BlockingDetectorTest$StuckTimer.tick");
      });
    } finally {
      stuck.release.countDown();
      stuck.stop();
    }
  }

  @Test
  void nothingIsReportedWhileNothingBlocks() {
    assertThat(new BlockingDetector(Duration.ofHours(1)).checkOnce()).isEmpty();
  }

  /** Its {@code onStart} stays busy until the worker's blocking report reached a subscriber. */
  static final class Slow extends Service {
    final CountDownLatch reported = new CountDownLatch(1);

    @Override
    protected void onStart() throws InterruptedException {
      reported.await();
    }
  }

  @Test
  void aWorkersBlockingReportIsALogEventOfTheBlockedService() throws Exception {
    Slow slow = new Slow();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Worker worker = Worker.builder(slow).name("blocking-worker").handleSignals(false)
        .overrideLogging(false).blockingTimeout(Duration.ofMillis(50))
        .stdout(new PrintStream(sink, true, StandardCharsets.UTF_8))
        .stderr(new PrintStream(sink, true, StandardCharsets.UTF_8)).build();
    List<ServiceEvent.Log> logs = new CopyOnWriteArrayList<>();
    try (EventSubscription subscription = ServiceEvents.subscribe(worker, event -> {
      if (event instanceof ServiceEvent.Log log && log.logger().equals(BlockingDetector.class.getName())) {
        logs.add(log);
        slow.reported.countDown();
      }
    })) {
      AtomicInteger exit = new AtomicInteger(-1);
      Thread run = Thread.ofVirtual().start(() -> exit.set(worker.execute("--no-inspect")));
      try {
        // The hook blocks until the report arrives, however long the watchdog takes to see it.
        assertThat(slow.reported.await(30, TimeUnit.SECONDS)).as("a blocking report arrived").isTrue();
      } finally {
        slow.reported.countDown();
        worker.requestStop();
        run.join();
      }
      assertThat(exit.get()).isZero();
    }

    assertThat(logs).first().satisfies(log -> {
      assertThat(log.serviceId()).as("the blocked service's id").isEqualTo(slow.id());
      assertThat(log.level()).isEqualTo("WARN");
      assertThat(log.message()).startsWith("Blocking detected").contains("onStart of Slow")
          .contains("BlockingDetectorTest$Slow.onStart");
    });
  }

  @Test
  void aNonPositiveTimeoutIsRejectedNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockingDetector.start(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blocking timeout must be positive, was PT0S");
  }
}
