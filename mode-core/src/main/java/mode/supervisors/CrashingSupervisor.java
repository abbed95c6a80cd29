package mode.supervisors;

import java.time.Duration;
import mode.Service;

/**
 * Groups services without supervising them (mode's {@code CrashingSupervisor}, a poison pill): it
 * starts and stops them like any supervisor, but a crash of one of them is not caught here and
 * propagates upward as if there were no supervisor, crashing the supervisor and its ancestors.
 *
 * <p>The restart limit does not apply. See {@link SupervisorStrategy} for start and stop order.
 */
public class CrashingSupervisor extends SupervisorStrategy {

  /** With mode's default limit: 100 restarts within one second. */
  public CrashingSupervisor() {
    super();
  }

  /**
   * With at most {@code maxRestarts} restarts within any period of length {@code over}.
   *
   * @param maxRestarts the most restarts allowed in the window
   * @param over the length of the window
   * @throws IllegalArgumentException if {@code maxRestarts} is negative or {@code over} is not
   *     positive
   */
  public CrashingSupervisor(int maxRestarts, Duration over) {
    super(maxRestarts, over);
  }

  @Override
  protected void onServiceCrashed(Service crashed, Throwable reason) {
    throw new IllegalStateException(label() + " never handles crashes, yet was told of " + crashed.label());
  }

  @Override
  protected boolean restarts() {
    return false;
  }

  @Override
  boolean supervisesCrashes() {
    return false;
  }
}
