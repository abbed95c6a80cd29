package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mode.internal.ServiceAccess;
import mode.timers.FakeTime;
import org.junit.jupiter.api.Test;

class ServiceTimerLoopTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final FakeTime time = new FakeTime(T0);

  /** Iterates a one-second timer loop in a task; a tick may take fake time. */
  static class Poller extends Service {
    final List<String> ticks = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    FakeTime time;
    volatile Duration work = Duration.ZERO;

    @Task
    void poll() {
      for (Instant tick : timerLoop(Duration.ofSeconds(1))) {
        ticks.add(tick.toString());
        time.advance(work);
      }
      ticks.add("ended, shouldStop=" + shouldStop());
      ended.countDown();
    }
  }

  Poller poller() {
    Poller p = new Poller();
    p.time = time;
    ServiceAccess.setTimeSource(p, time);
    return p;
  }

  @Test
  void timerLoopTicksOnTheScheduleAndEndsWhenTheServiceStops() throws Exception {
    Poller p = poller();
    p.start();

    time.awaitSleeper(T0.plusSeconds(1));
    time.setTo(T0.plusSeconds(1));
    time.awaitSleeper(T0.plusSeconds(2));
    time.setTo(T0.plusSeconds(2));
    time.awaitSleeper(T0.plusSeconds(3));
    p.stop();

    assertThat(p.ticks).containsExactly(
        "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z", "ended, shouldStop=true");
    assertThat(time.deadlines())
        .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
  }

  @Test
  void aBodyLongerThanTheIntervalIsLoggedAndTheLoopResumesAtTheNextSlot() throws Exception {
    Poller p = poller();
    try (LogCapture log = new LogCapture(Poller.class)) {
      p.start();
      time.awaitSleeper(T0.plusSeconds(1));
      p.work = Duration.ofMillis(2500);
      time.setTo(T0.plusSeconds(1));
      time.awaitSleeper(T0.plusSeconds(4));
      p.stop();

      assertThat(log.lines()).contains(
          "WARN [^Poller]: Timer loop every PT1S overran: the body took PT2.5S; resuming at the next slot");
    }
    assertThat(time.deadlines()).containsExactly(T0.plusSeconds(1), T0.plusSeconds(4));
  }

  @Test
  void timerLoopEndsWhenTheServiceCrashes() throws Exception {
    Poller p = poller();
    p.start();
    time.awaitSleeper(T0.plusSeconds(1));

    p.crash(new IllegalStateException("boom"));

    assertThat(p.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.ticks).containsExactly("ended, shouldStop=true");
    p.stop();
  }

  @Test
  void aNonPositiveIntervalIsRejectedNamingTheService() {
    Poller p = poller();

    assertThatThrownBy(() -> p.timerLoop(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Poller: timer loop interval must be > 0, was PT0S");
  }
}
