package mode.timers;

import java.time.Duration;
import java.time.Instant;

/**
 * The ideal schedule of a fixed-interval timer: slot {@code k} is {@code epoch + k·interval}.
 *
 * <p>Waking for a slot instead of sleeping "interval after the last run" keeps a short timer
 * from accumulating lag (mode's timer corrects drift only for intervals above 0.1 s). After a run
 * that overran (took longer than the interval) the timer skips to the first slot after the run's
 * end, so it never overlaps itself. After a run that merely started late (the thread woke late),
 * one missed slot is caught up at once and the rest are skipped: jitter costs no ticks, and a long
 * pause never turns into a burst of late ticks.
 *
 * <p>Not thread-safe: one timer thread owns it.
 */
public final class TimerSchedule {
  private final Instant epoch;
  private final long intervalNanos;
  private long slot = 1;

  /**
   * A schedule starting at {@code epoch}.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public TimerSchedule(Instant epoch, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("timer interval must be > 0, was " + interval);
    }
    this.epoch = epoch;
    this.intervalNanos = interval.toNanos();
  }

  /** The slot the timer waits for now (the first one is one interval after the epoch). */
  public Instant current() {
    return at(slot);
  }

  /**
   * Moves on after a run that ended at {@code runEnd}: to the next slot, but at most one slot
   * behind {@code runEnd}; after an overrun, to the first slot after {@code runEnd}.
   *
   * @return the new current slot
   */
  public Instant advance(Instant runEnd, boolean overrun) {
    long elapsed = Duration.between(epoch, runEnd).toNanos();
    long firstAfterEnd = Math.floorDiv(elapsed, intervalNanos) + 1;
    slot = Math.max(slot + 1, overrun ? firstAfterEnd : firstAfterEnd - 1);
    return current();
  }

  private Instant at(long k) {
    return epoch.plusNanos(Math.multiplyExact(k, intervalNanos));
  }
}
