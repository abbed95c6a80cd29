package mode.supervisors;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a supervisor waits before a restart: exponential in the number of restarts still in
 * the restart window ({@code min · 2^recent}, capped at {@code max}), spread by a jitter factor
 * drawn uniformly from {@code [1 - jitter, 1 + jitter]} and capped at {@code max} again.
 *
 * <p>Immutable and thread-safe if its random source is.
 */
final class Backoff {
  static final Backoff NONE = new Backoff(Duration.ZERO, Duration.ZERO, 0, () -> 0.5);

  private final Duration min;
  private final Duration max;
  private final double jitter;
  private final DoubleSupplier random;

  Backoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 <= min <= max, got min=" + min + ", max=" + max);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff jitter must be within [0, 1], got " + jitter);
    }
    this.min = min;
    this.max = max;
    this.jitter = jitter;
    this.random = random;
  }

  static Backoff exponential(Duration min, Duration max, double jitter) {
    return new Backoff(min, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The delay before the next restart.
   *
   * @param recentRestarts restarts already made within the restart window
   */
  Duration delay(int recentRestarts) {
    if (max.isZero()) {
      return Duration.ZERO;
    }
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    // Doubling stops at max; the shift is bounded so it never overflows.
    long base = minNanos;
    for (int i = 0; i < recentRestarts && base < maxNanos; i++) {
      base = base > maxNanos / 2 ? maxNanos : base * 2;
    }
    base = Math.min(base, maxNanos);
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    long jittered = Math.round(base * factor);
    return Duration.ofNanos(Math.max(0, Math.min(maxNanos, jittered)));
  }

  @Override
  public String toString() {
    return max.isZero() ? "no backoff" : "backoff " + min + ".." + max + " jitter " + jitter;
  }
}
