package mode.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/**
 * A service changed state ({@code mode.ServiceTransition}). Committed by the subscriber thread of
 * {@link ModeFlightRecorder}, so the event's own start time is a little after the change; {@link
 * #changedAt} is when it happened.
 */
@Name("mode.ServiceTransition")
@Label("Service Transition")
@Category("mode")
@Description("A service of a mode tree changed state")
@StackTrace(false)
public final class ServiceTransitionEvent extends jdk.jfr.Event {
  /** The service's id, unique in the JVM. */
  @Label("Service Id")
  public long serviceId;

  /** The service's label. */
  @Label("Label")
  public String label;

  /** The service's fully qualified class name. */
  @Label("Service Class")
  public String serviceClass;

  /** The state before. */
  @Label("From")
  public String from;

  /** The state after. */
  @Label("To")
  public String to;

  /** The restart count after the change. */
  @Label("Restart Count")
  public int restartCount;

  /** The crash reason on a move to CRASHED, else null. */
  @Label("Crash Reason")
  public String crashReason;

  /** When the change happened, in milliseconds since the epoch. */
  @Label("Changed At")
  @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
  public long changedAt;

  /** An event to fill and commit. */
  public ServiceTransitionEvent() {}
}
