package mode.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import mode.Service;

/**
 * The start of one service as a duration event ({@code mode.ServiceStart}):
 * from STARTING until RUNNING or a failed start, with its dependencies' starts nested inside.
 *
 * <p>The service runtime calls {@link #begin(Service)} and {@link #end(ServiceStartEvent, Service)}
 * around the work: while no recording takes this event, {@code begin} returns {@code null} after
 * one check and {@code end} does nothing.
 */
@Name("mode.ServiceStart")
@Label("Service Start")
@Category("mode")
@Description("The start of a mode service, timed on the thread that did it")
@StackTrace(false)
public final class ServiceStartEvent extends ServiceDurationEvent {

  /** Asked whether a recording takes the event, so that none is made while none does. */
  private static final ServiceStartEvent PROBE = new ServiceStartEvent();

  /** An event to time. */
  public ServiceStartEvent() {}

  /**
   * Begins timing the start of {@code service}.
   *
   * @param service the service whose start begins
   * @return the event to hand to {@link #end(ServiceStartEvent, Service)}, or {@code null} when
   *     no recording takes it
   */
  public static ServiceStartEvent begin(Service service) {
    if (!PROBE.isEnabled()) {
      return null;
    }
    ServiceStartEvent event = new ServiceStartEvent();
    event.begin();
    return event;
  }

  /**
   * Ends the timing begun by {@link #begin(Service)} and commits it; {@code null} is a no-op.
   *
   * @param event what {@link #begin(Service)} returned
   * @param service the service whose start ended
   */
  public static void end(ServiceStartEvent event, Service service) {
    ServiceDurationEvent.end(event, service);
  }
}
