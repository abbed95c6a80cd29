package mode.supervisors;

import java.time.Duration;
import java.util.List;
import mode.Service;

/**
 * Gives up on the whole group when one service crashes: stops every supervised service (in
 * reverse order) and restarts none (mode's {@code ForfeitOneForAllSupervisor}). Logs "Giving up
 * on all services in group" at ERROR. The supervisor itself keeps running.
 *
 * <p>The restart limit does not apply, since nothing is restarted. See {@link SupervisorStrategy}
 * for when crashes arrive and threading.
 */
public class ForfeitOneForAllSupervisor extends SupervisorStrategy {

  /** With mode's default limit: 100 restarts within one second. */
  public ForfeitOneForAllSupervisor() {
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
  public ForfeitOneForAllSupervisor(int maxRestarts, Duration over) {
    super(maxRestarts, over);
  }

  @Override
  protected void onServiceCrashed(Service crashed, Throwable reason) {
    List<Service> all = services();
    log().error("Giving up on all services in group {} because {} crashed: {}",
        labels(all), crashed.label(), reason.toString());
    for (Service service : all.reversed()) {
      stopService(service);
    }
  }

  @Override
  protected boolean restarts() {
    return false;
  }
}
