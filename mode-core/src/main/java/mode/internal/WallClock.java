package mode.internal;

import java.time.Instant;

/**
 * Wall-clock instants for {@link System#nanoTime()} stamps, without a wall-clock read per stamp.
 *
 * <p>The runtime stamps every state change with the monotonic clock (one read it needs anyway for
 * durations). Turning a stamp into an {@link Instant} goes through an anchor: a wall-clock read and
 * a monotonic read taken at (nearly) one moment. The anchor is kept and renewed once it is older
 * than {@link #MAX_AGE_NANOS}, so an instant derived from it is off the wall clock by at most the
 * drift of the two clocks in that time (microseconds; more only if the wall clock is stepped,
 * which the next renewal picks up).
 *
 * <p>Thread-safe and lock-free.
 */
public final class WallClock {
  /** How long an anchor is used before it is taken again. */
  static final long MAX_AGE_NANOS = 1_000_000_000L;
  /** Reads tried per anchor; the tightest bracket wins. */
  private static final int TRIES = 4;
  /** A bracket this tight is as good as it gets: no further tries. */
  private static final long TIGHT_NANOS = 20_000;

  private static volatile Anchor anchor = Anchor.take();

  private WallClock() {}

  /** The wall-clock instant of the monotonic stamp {@code nanos} (a {@code System.nanoTime()} value). */
  public static Instant instantAt(long nanos) {
    Anchor a = anchor;
    long age = nanos - a.nanos;
    if (age > MAX_AGE_NANOS || age < -MAX_AGE_NANOS) {
      a = Anchor.take();
      anchor = a;
    }
    return a.instantAt(nanos);
  }

  /** The current instant, by the same anchor as {@link #instantAt}. */
  public static Instant now() {
    return instantAt(System.nanoTime());
  }

  /**
   * A wall-clock read and the monotonic stamp of the same moment. The two reads cannot be atomic:
   * a thread preempted between them would skew every derived instant by the preemption. So the
   * wall-clock read is bracketed by two monotonic reads and stamped with their middle.
   */
  private record Anchor(Instant wall, long nanos) {
    static Anchor take() {
      Anchor best = null;
      long bestWidth = Long.MAX_VALUE;
      for (int i = 0; i < TRIES && bestWidth > TIGHT_NANOS; i++) {
        long before = System.nanoTime();
        Instant wall = Instant.now();
        long width = System.nanoTime() - before;
        if (width < bestWidth) {
          best = new Anchor(wall, before + width / 2);
          bestWidth = width;
        }
      }
      return best;
    }

    Instant instantAt(long stamp) {
      return wall.plusNanos(stamp - nanos);
    }
  }
}
