package mode.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import mode.Service;

/**
 * The stop of one service as a duration event ({@code mode.ServiceStop}):
 * from STOPPING until SHUTDOWN, with its dependencies' stops nested inside.
 *
 * <p>The service runtime calls {@link #begin(Service)} and {@link #end(ServiceStopEvent, Service)}
 * around the work: while no recording takes this event, {@code begin} returns {@code null} after
 * one check and {@code end} does nothing.
 */
@Name("mode.ServiceStop")
@Label("Service Stop")
@Category("mode")
@Description("The stop of a mode service, timed on the thread that did it")
@StackTrace(false)
public final class ServiceStopEvent extends ServiceDurationEvent {

  /** Asked whether a recording takes the event, so that none is made while none does. */
  private static final ServiceStopEvent PROBE = new ServiceStopEvent();

  /** An event to time. */
  public ServiceStopEvent() {}

  /**
   * Begins timing the stop of {@code service}.
   *
   * @param service the service whose stop begins
   * @return the event to hand to {@link #end(ServiceStopEvent, Service)}, or {@code null} when
   *     no recording takes it
   */
  public static ServiceStopEvent begin(Service service) {
    if (!PROBE.isEnabled()) {
      return null;
    }
    ServiceStopEvent event = new ServiceStopEvent();
    event.begin();
    return event;
  }

  /**
   * Ends the timing begun by {@link #begin(Service)} and commits it; {@code null} is a no-op.
   *
   * @param event what {@link #begin(Service)} returned
   * @param service the service whose stop ended
   */
  public static void end(ServiceStopEvent event, Service service) {
    ServiceDurationEvent.end(event, service);
  }
}
