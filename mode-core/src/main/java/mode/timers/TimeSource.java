package mode.timers;

import java.time.Duration;
import java.time.Instant;

/**
 * Where timers and crontabs get the time and how they wait for it. Production code uses {@link
 * #system()}; tests pass a fake whose time moves only when the test says so, so schedules are
 * checked without real waiting.
 *
 * <p>Implementations are thread-safe.
 */
public interface TimeSource {

  /** The current instant. */
  Instant now();

  /**
   * Blocks until {@link #now()} reaches {@code deadline} or {@code stop} is set.
   *
   * @return {@code true} when the deadline was reached, {@code false} when {@code stop} was set
   *     first
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  boolean sleepUntil(Instant deadline, StopSignal stop) throws InterruptedException;

  /** The wall clock, waiting in real time. */
  static TimeSource system() {
    return SystemTime.INSTANCE;
  }

  /** The wall clock and real waits. */
  enum SystemTime implements TimeSource {
    INSTANCE;

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public boolean sleepUntil(Instant deadline, StopSignal stop) throws InterruptedException {
      while (!stop.isSet()) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
          return true;
        }
        if (stop.await(left)) {
          return false;
        }
      }
      return false;
    }
  }
}
