package mode.supervisors;

import java.time.Duration;
import mode.Service;

/**
 * Gives up on a service that crashes: stops it and never restarts it; the others go on (mode's
 * {@code ForfeitOneForOneSupervisor}). Logs "Giving up on crashed service" at ERROR.
 *
 * <p>The restart limit does not apply, since nothing is restarted. See {@link SupervisorStrategy}
 * for when crashes arrive and threading.
 */
public class ForfeitOneForOneSupervisor extends SupervisorStrategy {

  /** With mode's default limit: 100 restarts within one second. */
  public ForfeitOneForOneSupervisor() {
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
  public ForfeitOneForOneSupervisor(int maxRestarts, Duration over) {
    super(maxRestarts, over);
  }

  @Override
  protected void onServiceCrashed(Service crashed, Throwable reason) {
    log().error("Giving up on crashed service {}: {}", crashed.label(), reason.toString());
    stopService(crashed);
  }

  @Override
  protected boolean restarts() {
    return false;
  }
}
