package mode.supervisors;

import java.time.Duration;
import java.util.List;
import mode.Service;

/**
 * When one service crashes, restarts all of them (mode's and Erlang/OTP's one-for-all): stops
 * every supervised service in reverse order, then restarts each in the order they were added.
 *
 * <p>See {@link SupervisorStrategy} for when crashes arrive, the restart limit and threading.
 */
public class OneForAllSupervisor extends SupervisorStrategy {

  /** With mode's default limit: 100 restarts within one second. */
  public OneForAllSupervisor() {
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
  public OneForAllSupervisor(int maxRestarts, Duration over) {
    super(maxRestarts, over);
  }

  @Override
  protected void onServiceCrashed(Service crashed, Throwable reason) {
    List<Service> all = services();
    for (Service service : all.reversed()) {
      stopService(service);
    }
    for (Service service : all) {
      restartService(service, reason);
    }
  }
}
