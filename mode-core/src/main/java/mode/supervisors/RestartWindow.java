package mode.supervisors;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;

/**
 * Restart intensity: at most {@code maxRestarts} restarts within any period of length {@code
 * over}, kept as a sliding window over restart timestamps (not mode's token bucket, whose limits
 * do not mean what their names say).
 *
 * <p>Not thread-safe: used only by its supervisor's own thread.
 */
final class RestartWindow {
  private final int maxRestarts;
  private final Duration over;
  private final InstantSource clock;
  private final ArrayDeque<Instant> restarts = new ArrayDeque<>();

  RestartWindow(int maxRestarts, Duration over, InstantSource clock) {
    validate(maxRestarts, over);
    this.maxRestarts = maxRestarts;
    this.over = over;
    this.clock = clock;
  }

  /** Checks a limit before a supervisor accepts it. */
  static void validate(int maxRestarts, Duration over) {
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
    }
    if (over.isNegative() || over.isZero()) {
      throw new IllegalArgumentException("restart window must be positive, got " + over);
    }
  }

  /** The restarts recorded within the window that ends now. */
  int recent() {
    forgetOld(clock.instant());
    return restarts.size();
  }

  /**
   * Records one more restart now, if the limit allows it.
   *
   * @return false if it would be restart number {@code maxRestarts + 1} within the window
   */
  boolean tryRecord() {
    Instant now = clock.instant();
    forgetOld(now);
    if (restarts.size() >= maxRestarts) {
      return false;
    }
    restarts.addLast(now);
    return true;
  }

  private void forgetOld(Instant now) {
    Instant horizon = now.minus(over);
    while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(horizon)) {
      restarts.removeFirst();
    }
  }
}
