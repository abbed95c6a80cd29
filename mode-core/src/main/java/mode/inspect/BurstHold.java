package mode.inspect;

import mode.internal.EventHub;

/**
 * When a client's writer lets queued events leave while the runtime is in a burst of changes: the
 * work of encoding and writing them would otherwise take a CPU from the runtime in the middle of
 * the burst. A pure function of three {@code System.nanoTime()} stamps, so that it is tested
 * without waiting.
 *
 * <p>The writer looks twice: one quiet period ({@link #QUIET_NANOS}) after the last change — the
 * events leave if the runtime paused by then (a lone change leaves about a millisecond after it)
 * — and, if the burst went on, when the oldest held event has waited {@link #MAX_HOLD_NANOS}: they
 * leave then, burst or not. Each look wakes the writer, and on a small machine every wake-up takes
 * a CPU from the runtime for a moment; looking at every millisecond would deliver a short burst
 * sooner at that price.
 */
final class BurstHold {

  /** A pause in changes this long ends a burst. */
  static final long QUIET_NANOS = EventHub.BURST_QUIET_NANOS;
  /** The longest an event is held back while the runtime is in a burst. */
  static final long MAX_HOLD_NANOS = EventHub.MAX_HOLD_NANOS;

  private BurstHold() {}

  /**
   * How long events held since {@code heldSince} must still wait at {@code now}, given the source's
   * last change at {@code lastChange}; 0 when they may leave now.
   */
  static long remaining(long now, long lastChange, long heldSince) {
    long quietAt = lastChange + QUIET_NANOS;
    long deadline = heldSince + MAX_HOLD_NANOS;
    if (now - quietAt >= 0 || now - deadline >= 0) {
      return 0;
    }
    if (now - heldSince < QUIET_NANOS) {
      // The first look: one quiet period after the last change, if that comes before the deadline.
      return Math.min(quietAt - now, deadline - now);
    }
    // Looked once and the burst went on: the second look is at the deadline.
    return deadline - now;
  }
}
