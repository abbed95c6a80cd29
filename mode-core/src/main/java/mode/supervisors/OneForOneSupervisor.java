package mode.supervisors;

import java.time.Duration;
import mode.Service;

/**
 * Restarts only the service that crashed (mode's and Erlang/OTP's one-for-one).
 *
 * <p>See {@link SupervisorStrategy} for when crashes arrive, the restart limit and threading.
 */
public class OneForOneSupervisor extends SupervisorStrategy {

  /** With mode's default limit: 100 restarts within one second. */
  public OneForOneSupervisor() {
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
  public OneForOneSupervisor(int maxRestarts, Duration over) {
    super(maxRestarts, over);
  }

  @Override
  protected void onServiceCrashed(Service crashed, Throwable reason) {
    restartService(crashed, reason);
  }
}
