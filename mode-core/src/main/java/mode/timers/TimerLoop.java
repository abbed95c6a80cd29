package mode.timers;

import java.time.Duration;
import java.time.Instant;

/**
 * The loops behind {@code @Service.Timer} and {@code @Service.Crontab}: wait for the next slot,
 * run the callback, report the run, repeat until the stop signal is set.
 *
 * <p>Each loop runs on the calling thread and never overlaps itself. An exception from the
 * callback is told to the observer as a failed run, ends the loop and propagates (the service
 * then crashes). Pure apart from the given
 * {@link TimeSource}, so schedules are tested with a fake clock.
 */
public final class TimerLoop {

  /** The work done at each tick. */
  @FunctionalInterface
  public interface Tick {
    /** Runs one tick. */
    void run() throws Exception;
  }

  /** Told about the loop's schedule and every run, on the loop's thread. */
  @FunctionalInterface
  public interface RunObserver {
    /**
     * A run completed.
     *
     * @param began when the callback began
     * @param ended when it returned
     * @param overrun whether the run counts as an overrun (longer than the interval for a timer;
     *     past the following execution time for a crontab)
     * @param next the slot the loop waits for next, or {@code null} when it ends (its stop signal
     *     is set)
     */
    void completed(Instant began, Instant ended, boolean overrun, Instant next);

    /**
     * A run failed: the callback threw {@code error}, which then ends the loop.
     *
     * @param began when the callback began
     * @param ended when it threw
     * @param error what it threw
     */
    default void failed(Instant began, Instant ended, Throwable error) {}

    /**
     * The loop waits for its first slot.
     *
     * @param first when the first run is due
     */
    default void firstSlot(Instant first) {}
  }

  private TimerLoop() {}

  /**
   * Runs {@code tick} every {@code interval}, first one interval after now, on the ideal schedule
   * of {@link TimerSchedule}. A run longer than the interval is an overrun; the timer then resumes
   * at the first slot after the run's end. A late wakeup catches up one missed slot at once.
   * {@code observer} learns the first slot, and each run's end with the slot that follows it.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws Exception whatever {@code tick} throws
   */
  public static void every(
      TimeSource time, StopSignal stop, Duration interval, Tick tick, RunObserver observer)
      throws Exception {
    TimerSchedule schedule = new TimerSchedule(time.now(), interval);
    Instant next = schedule.current();
    observer.firstSlot(next);
    while (time.sleepUntil(next, stop)) {
      Instant began = time.now();
      run(time, tick, observer, began);
      Instant ended = time.now();
      boolean overrun = Duration.between(began, ended).compareTo(interval) > 0;
      next = stop.isSet() ? null : schedule.advance(ended, overrun);
      observer.completed(began, ended, overrun, next);
      if (next == null) {
        return;
      }
    }
  }

  /**
   * Runs {@code tick} at every execution time of {@code cron}. When a run ends after the
   * following execution time, that one is skipped (an overrun) and the loop waits for the first
   * execution after the run's end. {@code observer} learns the slots as {@link #every} tells them.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws Exception whatever {@code tick} throws
   */
  public static void cron(
      TimeSource time, StopSignal stop, CronSchedule cron, Tick tick, RunObserver observer)
      throws Exception {
    Instant next = cron.next(time.now());
    observer.firstSlot(next);
    while (time.sleepUntil(next, stop)) {
      Instant began = time.now();
      run(time, tick, observer, began);
      Instant ended = time.now();
      Instant following = cron.next(next);
      boolean overrun = ended.isAfter(following);
      next = stop.isSet() ? null : overrun ? cron.next(ended) : following;
      observer.completed(began, ended, overrun, next);
      if (next == null) {
        return;
      }
    }
  }

  /** Runs one tick; a failure is told to {@code observer}, then thrown on. */
  private static void run(TimeSource time, Tick tick, RunObserver observer, Instant began) throws Exception {
    try {
      tick.run();
    } catch (Exception | Error e) {
      observer.failed(began, time.now(), e);
      throw e;
    }
  }
}
