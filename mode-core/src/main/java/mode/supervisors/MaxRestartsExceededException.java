package mode.supervisors;

import java.time.Duration;

/**
 * A supervisor gave up: its services crashed more often than its restart limit allows. This is
 * the supervisor's own crash reason, so it travels upward like any crash (to the supervisor's
 * parent, or to the supervisor of the supervisor); the {@linkplain #getCause() cause} is the last
 * crash reason of a supervised service.
 */
public class MaxRestartsExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The limit that was exceeded (part of the serialized form). */
  private final int maxRestarts;

  /** The window the limit applies to (part of the serialized form). */
  private final Duration over;

  /**
   * Reports that {@code supervisor} exceeded its limit.
   *
   * @param supervisor the supervisor's label
   * @param maxRestarts the limit: at most this many restarts ...
   * @param over ... within any period this long
   * @param lastCrash the crash reason that would have needed one restart too many
   */
  public MaxRestartsExceededException(String supervisor, int maxRestarts, Duration over, Throwable lastCrash) {
    super(supervisor + " gave up: more than " + maxRestarts + " restart(s) within " + over
        + "; last crash: " + lastCrash, lastCrash);
    this.maxRestarts = maxRestarts;
    this.over = over;
  }

  /** {@return the limit that was exceeded: restarts allowed within {@link #over()}} */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** {@return the length of the sliding window the limit applies to} */
  public Duration over() {
    return over;
  }
}
