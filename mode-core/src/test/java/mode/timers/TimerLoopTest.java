package mode.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimerLoopTest {
  static final Instant EPOCH = Instant.parse("2026-01-15T12:00:00Z");
  static final Duration TEN_MS = Duration.ofMillis(10);

  final FakeTime time = new FakeTime(EPOCH);
  final StopSignal stop = new StopSignal();
  final List<String> runs = new CopyOnWriteArrayList<>();

  Instant at(long millis) {
    return EPOCH.plusMillis(millis);
  }

  /** Runs the loop on a virtual thread; each tick takes the given fake durations in turn. */
  CompletableFuture<Void> timer(Duration... tickDurations) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      int[] n = {0};
      try {
        TimerLoop.every(time, stop, TEN_MS, () -> {
          Duration d = n[0] < tickDurations.length ? tickDurations[n[0]] : Duration.ZERO;
          n[0]++;
          time.advance(d);
        }, (began, ended, overrun, next) -> runs.add(
            Duration.between(EPOCH, began).toMillis() + "-" + Duration.between(EPOCH, ended).toMillis()
                + (overrun ? " overrun" : "")));
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    return done;
  }

  void tickAt(long millis) {
    time.awaitSleeper(at(millis));
    time.setTo(at(millis));
  }

  @Test
  void firstTickComesOneIntervalAfterStart() {
    CompletableFuture<Void> loop = timer();
    time.awaitSleeper(at(10));
    assertThat(time.deadlines()).containsExactly(at(10));
    stop.set();
    loop.join();
    assertThat(runs).isEmpty();
  }

  @Test
  void ticksStayOnTheIdealScheduleWhateverTheRunsTake() {
    CompletableFuture<Void> loop =
        timer(Duration.ofMillis(3), Duration.ofMillis(7), Duration.ofMillis(1));
    tickAt(10);
    tickAt(20);
    tickAt(30);
    time.awaitSleeper(at(40));
    stop.set();
    loop.join();

    assertThat(time.deadlines()).containsExactly(at(10), at(20), at(30), at(40));
    assertThat(runs).containsExactly("10-13", "20-27", "30-31");
  }

  @Test
  void aLateWakeupIsCorrectedAtTheNextSlot() {
    CompletableFuture<Void> loop = timer();
    time.awaitSleeper(at(10));
    time.setTo(at(14)); // the sleeper woke 4 ms late
    time.awaitSleeper(at(20));
    stop.set();
    loop.join();

    assertThat(time.deadlines()).containsExactly(at(10), at(20));
    assertThat(runs).containsExactly("14-14");
  }

  @Test
  void anOverrunSkipsToTheFirstSlotAfterTheRunEnds() {
    CompletableFuture<Void> loop = timer(Duration.ZERO, Duration.ofMillis(25), Duration.ZERO);
    tickAt(10);
    tickAt(20);
    tickAt(50);
    time.awaitSleeper(at(60));
    stop.set();
    loop.join();

    assertThat(time.deadlines()).containsExactly(at(10), at(20), at(50), at(60));
    assertThat(runs).containsExactly("10-10", "20-45 overrun", "50-50");
  }

  @Test
  void cronLoopRunsAtEachExecutionTimeInItsZone() {
    CronSchedule daily = CronSchedule.parse("30 9 * * *", "America/New_York");
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        TimerLoop.cron(time, stop, daily, () -> runs.add(time.now().toString()),
            (began, ended, overrun, next) -> {});
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    Instant first = Instant.parse("2026-01-15T14:30:00Z"); // 09:30 EST
    Instant second = Instant.parse("2026-01-16T14:30:00Z");
    time.awaitSleeper(first);
    time.setTo(first);
    time.awaitSleeper(second);
    stop.set();
    done.join();

    assertThat(time.deadlines()).containsExactly(first, second);
    assertThat(runs).containsExactly("2026-01-15T14:30:00Z");
  }

  @Test
  void cronScheduleFollowsDaylightSavingTime() {
    CronSchedule daily = CronSchedule.parse("30 9 * * *", "America/New_York");
    // 2026-03-08 is the first day of EDT: 09:30 local is 13:30 UTC from then on.
    assertThat(daily.next(Instant.parse("2026-03-07T15:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-08T13:30:00Z"));
    assertThat(daily.next(Instant.parse("2026-03-07T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-07T14:30:00Z"));
  }

  @Test
  void scheduleCatchesUpOneLateSlotAndSkipsTheRestOrAllAfterAnOverrun() {
    TimerSchedule s = new TimerSchedule(EPOCH, TEN_MS);
    assertThat(s.current()).isEqualTo(at(10));
    assertThat(s.advance(at(12), false)).isEqualTo(at(20));
    assertThat(s.advance(at(20), false)).isEqualTo(at(30));
    assertThat(s.advance(at(55), false)).isEqualTo(at(50)); // 30 and 40 missed: 50 now
    assertThat(s.advance(at(52), false)).isEqualTo(at(60));
    assertThat(s.advance(at(85), true)).isEqualTo(at(90)); // an overrun skips 70 and 80
    assertThat(s.advance(at(90), false)).isEqualTo(at(100));
  }

  @Test
  void aWakeupLaterThanAnIntervalCatchesUpOneTickAtOnce() {
    CompletableFuture<Void> loop = timer();
    time.awaitSleeper(at(10));
    time.setTo(at(35)); // woke 25 ms late: slots 20 and 30 have passed too
    time.awaitSleeper(at(40));
    stop.set();
    loop.join();

    assertThat(time.deadlines()).containsExactly(at(10), at(30), at(40));
    assertThat(runs).containsExactly("35-35", "35-35");
  }
}
