package mode.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import mode.Service;
import mode.Worker;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Worker puts its tree into a recording by itself: blocking reports and timer overruns. */
class WorkerFlightRecorderTest {
  @TempDir Path dir;

  /** Its {@code onStart} stays busy until the worker has reported it as blocking. */
  static final class Slow extends Service {
    final CountDownLatch reported = new CountDownLatch(1);

    @Override
    protected void onStart() throws InterruptedException {
      reported.await();
    }
  }

  /** A 10 ms timer whose first tick takes 50 ms: one overrun. */
  static final class Ticker extends Service {
    private final AtomicInteger ticks = new AtomicInteger();

    @Service.Timer(0.01)
    void tick() throws InterruptedException {
      if (ticks.getAndIncrement() == 0) {
        Thread.sleep(50); // the work that overruns the interval, not a wait for the test
      }
    }
  }

  private List<RecordedEvent> read(Recording r) {
    try {
      Path file = Files.createTempFile(dir, "worker", ".jfr");
      r.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().startsWith("mode."))
          // A file is in chunk and buffer order, not in time order.
          .sorted(Comparator.comparing(RecordedEvent::getEndTime))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean has(List<RecordedEvent> events, String name, String label) {
    return events.stream().anyMatch(e -> e.getEventType().getName().equals(name)
        && label.equals(e.getString("label")));
  }

  @Test
  void blockingReportsAndTimerOverrunsOfAWorkerAreRecorded() throws Exception {
    Slow slow = new Slow();
    Ticker ticker = new Ticker();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Worker worker = Worker.builder(slow, ticker).name("jfr-worker").handleSignals(false)
        .overrideLogging(false).blockingTimeout(Duration.ofMillis(100))
        .stdout(new PrintStream(sink, true, StandardCharsets.UTF_8))
        .stderr(new PrintStream(sink, true, StandardCharsets.UTF_8)).build();
    try (EventSubscription releases = ServiceEvents.subscribe(worker, event -> {
          if (event instanceof ServiceEvent.Blocking b && b.what().contains("onStart")) {
            slow.reported.countDown();
          }
        });
        Recording r = new Recording()) {
      List.of("mode.ServiceTransition", "mode.Blocking", "mode.TimerOverrun", "mode.ServiceNode")
          .forEach(r::enable);
      r.start();
      AtomicInteger exit = new AtomicInteger(-1);
      Thread run = Thread.ofVirtual().start(() -> exit.set(worker.execute("--no-inspect")));
      await().until(() -> {
        List<RecordedEvent> events = read(r);
        return has(events, "mode.Blocking", "Slow") && has(events, "mode.TimerOverrun", "Ticker");
      });
      worker.requestStop();
      run.join();
      assertThat(exit.get()).isZero();

      List<RecordedEvent> events = read(r);
      RecordedEvent blocking = events.stream()
          .filter(e -> e.getEventType().getName().equals("mode.Blocking")).findFirst().orElseThrow();
      assertThat(blocking.getString("activity")).contains("onStart");
      assertThat(blocking.getDuration("elapsed")).isGreaterThanOrEqualTo(Duration.ofMillis(100));
      assertThat(blocking.getString("stack")).contains("Slow.onStart");
      RecordedEvent overrun = events.stream()
          .filter(e -> e.getEventType().getName().equals("mode.TimerOverrun")).findFirst().orElseThrow();
      assertThat(overrun.getString("timer")).isEqualTo("tick");
      assertThat(overrun.getLong("overruns")).isEqualTo(1);
      assertThat(events).filteredOn(e -> e.getEventType().getName().equals("mode.ServiceNode"))
          .extracting(e -> e.getString("label")).contains("Worker", "Slow", "Ticker");
      r.stop();
    }
  }
}
