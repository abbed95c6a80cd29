package mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mode.events.EventSubscription;
import mode.events.ServiceEvent;
import mode.events.ServiceEvents;
import mode.events.ServiceInfo;
import mode.internal.ServiceAccess;
import mode.timers.FakeTime;
import org.junit.jupiter.api.Test;

class ServiceTimersTest {
  static final Instant T0 = Instant.parse("2026-01-15T12:00:00Z");
  final FakeTime time = new FakeTime(T0);

  static class Ticker extends Service {
    final List<Instant> ticks = new CopyOnWriteArrayList<>();
    FakeTime time;
    Duration work = Duration.ZERO;

    @Timer(0.01)
    void tick() {
      ticks.add(time.now());
      time.advance(work);
    }
  }

  static class Nightly extends Service {
    final List<Instant> runs = new CopyOnWriteArrayList<>();
    FakeTime time;

    @Crontab(value = "0 2 * * *", timezone = "Europe/Oslo")
    private void compact() {
      runs.add(time.now());
    }
  }

  @Test
  void timerFiresOnItsScheduleCountsRunsAndOverrunsAndStopsWithTheService() {
    Ticker t = new Ticker();
    t.time = time;
    ServiceAccess.setTimeSource(t, time);
    t.start();

    time.awaitSleeper(T0.plusMillis(10));
    time.setTo(T0.plusMillis(10));
    time.awaitSleeper(T0.plusMillis(20));
    t.work = Duration.ofMillis(15);
    time.setTo(T0.plusMillis(20));
    time.awaitSleeper(T0.plusMillis(40));
    t.stop();

    assertThat(t.ticks).containsExactly(T0.plusMillis(10), T0.plusMillis(20));
    assertThat(time.deadlines())
        .containsExactly(T0.plusMillis(10), T0.plusMillis(20), T0.plusMillis(40));
    // The second run ended at 35 ms; the stopped timer has nothing scheduled.
    assertThat(ServiceAccess.info(t).timers())
        .containsExactly(new ServiceInfo.TimerInfo("tick", "timer", "0.01", 2, 1, 0, T0.plusMillis(35), null));
    assertThat(t.state()).isEqualTo(State.SHUTDOWN);
  }

  @Test
  void timerStatsEventsAreCoalescedToOnePerSecondPlusOnePerOverrun() {
    Ticker t = new Ticker();
    t.time = time;
    ServiceAccess.setTimeSource(t, time);
    List<String> stats = new CopyOnWriteArrayList<>();
    try (EventSubscription sub = ServiceEvents.subscribe(t, e -> {
      if (e instanceof ServiceEvent.TimerStats s) {
        stats.add(s.timer() + " runs=" + s.runs() + " overruns=" + s.overruns());
      }
    })) {
      t.start();
      // The 50th tick (at 500 ms) overruns until 512 ms, so the slot at 510 ms is skipped.
      for (int ms = 10; ms <= 1520; ms += 10) {
        if (ms == 510) {
          continue;
        }
        Instant slot = T0.plusMillis(ms);
        time.awaitSleeper(slot);
        t.work = ms == 500 ? Duration.ofMillis(12) : Duration.ZERO;
        time.setTo(slot);
      }
      time.awaitSleeper(T0.plusMillis(1530));
      t.stop();
      await().until(() -> stats.size() == 3);
      // first run; the overrun; the first run a second (of the fake clock) after that event
      assertThat(stats).containsExactly(
          "tick runs=1 overruns=0", "tick runs=50 overruns=1", "tick runs=151 overruns=1");
      assertThat(sub.dropped()).isZero();
    }
  }

  static class FailingTimer extends Service {
    @Timer(1)
    void tick() throws java.io.IOException {
      throw new java.io.IOException("disk full");
    }
  }

  @Test
  void aFailingTimerCrashesItsService() {
    FailingTimer f = new FailingTimer();
    ServiceAccess.setTimeSource(f, time);
    f.start();
    time.awaitSleeper(T0.plusSeconds(1));

    time.setTo(T0.plusSeconds(1));

    org.awaitility.Awaitility.await().until(() -> f.state() == State.CRASHED);
    assertThat(f.crashReason()).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
    f.stop();
    assertThat(time.deadlines()).containsExactly(T0.plusSeconds(1));
  }

  @Test
  void aTimerThatThrowsCountsEachRunAsARunAndAFailureAndTellsItBeforeTheCrash() {
    FailingTimer f = new FailingTimer();
    ServiceAccess.setTimeSource(f, time);
    List<String> events = new CopyOnWriteArrayList<>();
    try (EventSubscription sub = ServiceEvents.subscribe(f, e -> {
      if (e instanceof ServiceEvent.TimerStats s) {
        events.add("stats runs=" + s.runs() + " failures=" + s.failures() + " last=" + s.lastRun() + " next=" + s.nextRun());
      } else if (e instanceof ServiceEvent.Transition t && t.to() == State.CRASHED) {
        events.add("crashed");
      }
    })) {
      f.start();
      time.awaitSleeper(T0.plusSeconds(1));
      assertThat(ServiceAccess.info(f).timers())
          .containsExactly(new ServiceInfo.TimerInfo("tick", "timer", "1.0", 0, 0, 0, null, T0.plusSeconds(1)));

      time.setTo(T0.plusSeconds(1));
      await().until(() -> f.state() == State.CRASHED);
      assertThat(ServiceAccess.info(f).timers())
          .containsExactly(new ServiceInfo.TimerInfo("tick", "timer", "1.0", 1, 0, 1, T0.plusSeconds(1), null));

      f.restart();
      time.awaitSleeper(T0.plusSeconds(2));
      time.setTo(T0.plusSeconds(2));
      await().until(() -> f.state() == State.CRASHED && f.restartCount() == 1);
      f.stop();

      assertThat(ServiceAccess.info(f).timers())
          .containsExactly(new ServiceInfo.TimerInfo("tick", "timer", "1.0", 2, 0, 2, T0.plusSeconds(2), null));
      await().until(() -> events.size() == 4);
      assertThat(events).containsExactly(
          "stats runs=1 failures=1 last=" + T0.plusSeconds(1) + " next=null", "crashed",
          "stats runs=2 failures=2 last=" + T0.plusSeconds(2) + " next=null", "crashed");
      assertThat(sub.dropped()).isZero();
    }
  }

  static class FailingOnTheWallClock extends Service {
    @Timer(0.01)
    void tick() {
      throw new IllegalStateException("no connection");
    }
  }

  @Test
  void aFailingTimerOnTheWallClockRecordsWhenItRan() {
    FailingOnTheWallClock f = new FailingOnTheWallClock();
    Instant before = Instant.now();
    f.start();
    await().until(() -> f.state() == State.CRASHED);
    Instant after = Instant.now();
    f.stop();

    ServiceInfo.TimerInfo timer = ServiceAccess.info(f).timers().getFirst();
    assertThat(timer.runs()).isEqualTo(1);
    assertThat(timer.failures()).isEqualTo(1);
    assertThat(timer.lastRun()).isBetween(before, after);
    assertThat(timer.nextRun()).isNull();
  }

  @Test
  void crontabRunsAtTheNextExecutionInItsTimeZone() {
    Nightly n = new Nightly();
    n.time = time;
    ServiceAccess.setTimeSource(n, time);
    n.start();
    Instant twoAmOslo = Instant.parse("2026-01-16T01:00:00Z");

    time.awaitSleeper(twoAmOslo);
    time.setTo(twoAmOslo);
    time.awaitSleeper(twoAmOslo.plus(Duration.ofDays(1)));
    n.stop();

    assertThat(n.runs).containsExactly(twoAmOslo);
    assertThat(ServiceAccess.info(n).timers())
        .containsExactly(new ServiceInfo.TimerInfo("compact", "crontab", "0 2 * * *", 1, 0, 0, twoAmOslo, null));
  }

  static class BadInterval extends Service {
    @Timer(0)
    void tick() {}
  }

  static class NaNInterval extends Service {
    @Timer(Double.NaN)
    void tick() {}
  }

  static class TimerWithArgs extends Service {
    @Timer(1)
    void tick(int n) {}
  }

  static class BadCron extends Service {
    @Crontab("61 * * * *")
    void run() {}
  }

  static class BadZone extends Service {
    @Crontab(value = "0 * * * *", timezone = "Mars/Olympus")
    void run() {}
  }

  static class TwoAnnotations extends Service {
    @Task
    @Timer(1)
    void run() {}
  }

  @Test
  void nonPositiveIntervalIsRejectedAtConstruction() {
    assertThatThrownBy(BadInterval::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode.ServiceTimersTest$BadInterval.tick: @Timer interval must be finite and > 0"
            + " seconds, was 0.0");
    assertThatThrownBy(NaNInterval::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode.ServiceTimersTest$NaNInterval.tick: @Timer interval must be finite and > 0"
            + " seconds, was NaN");
  }

  @Test
  void timerMethodWithArgumentsIsRejected() {
    assertThatThrownBy(TimerWithArgs::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode.ServiceTimersTest$TimerWithArgs.tick: a @Timer method must take no"
            + " arguments, but takes [int]");
  }

  @Test
  void invalidCronExpressionOrZoneIsRejected() {
    assertThatThrownBy(BadCron::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mode.ServiceTimersTest$BadCron.run: @Crontab: invalid cron"
            + " expression \"61 * * * *\": ");
    assertThatThrownBy(BadZone::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mode.ServiceTimersTest$BadZone.run: @Crontab: invalid time zone"
            + " \"Mars/Olympus\": ");
    assertThatThrownBy(TwoAnnotations::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode.ServiceTimersTest$TwoAnnotations.run: use only one of @Task, @Timer and"
            + " @Crontab on a method");
  }

  static class Base extends Service {
    @Task
    void a() {}

    @Timer(5)
    void b() {}
  }

  static class Derived extends Base {
    @Override
    void b() {} // no annotation: no longer a timer

    @Crontab("*/5 * * * *")
    void c() {}
  }

  @Test
  void backgroundMethodsAreInheritedAndAnOverrideWithoutAnnotationDisablesThem() {
    assertThat(ServiceAccess.info(new Derived()).timers()).containsExactly(
        new ServiceInfo.TimerInfo("a", "task", "", 0, 0),
        new ServiceInfo.TimerInfo("c", "crontab", "*/5 * * * *", 0, 0));
  }
}
