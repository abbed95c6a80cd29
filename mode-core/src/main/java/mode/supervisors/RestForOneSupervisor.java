package mode.supervisors;

import java.time.Duration;
import java.util.List;
import mode.Service;

/**
 * Restarts the service that crashed and every service added after it (Erlang/OTP's
 * rest-for-one; mode has no such strategy): for services that depend on the ones added before
 * them. The later services are stopped in reverse order first, then the crashed one and the later
 * ones are restarted in the order they were added.
 *
 * <p>See {@link SupervisorStrategy} for when crashes arrive, the restart limit and threading.
 */
public class RestForOneSupervisor extends SupervisorStrategy {

  /** With mode's default limit: 100 restarts within one second. */
  public RestForOneSupervisor() {
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
  public RestForOneSupervisor(int maxRestarts, Duration over) {
    super(maxRestarts, over);
  }

  @Override
  protected void onServiceCrashed(Service crashed, Throwable reason) {
    List<Service> all = services();
    int from = all.indexOf(crashed);
    if (from < 0) {
      return;
    }
    List<Service> rest = all.subList(from, all.size());
    for (Service service : rest.reversed()) {
      stopService(service);
    }
    for (Service service : rest) {
      restartService(service, reason);
    }
  }
}
