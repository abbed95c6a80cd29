package mode.jfr;


import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;
import mode.Service;
import mode.State;
import mode.internal.WallClock;

/**
 * A service changed state ({@code mode.ServiceTransition}). Committed by the thread that made the
 * move, right after it (so the event's own time is the change's, and its thread is the one that
 * did it); {@link #changedAt} is the instant the runtime recorded for the change.
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

  /**
   * Asked whether a recording takes the event before one is made: {@link #record} is called on
   * every move and is too large to be inlined there, so the event it made would be allocated.
   */
  private static final ServiceTransitionEvent PROBE = new ServiceTransitionEvent();

  /** An event to fill and commit. */
  public ServiceTransitionEvent() {}

  /**
   * Commits the move of {@code service} {@code from → to} if a recording takes this event; one
   * check otherwise. Called by the service runtime right after the move, outside its locks.
   *
   * @param service the service that moved
   * @param from the state before
   * @param to the state after
   * @param restartCount the restart count after the move
   * @param crashReason the crash reason on a move to CRASHED, else null
   * @param changedAtNanos when the move happened, a {@link System#nanoTime()} stamp
   */
  public static void record(
      Service service, State from, State to, int restartCount, String crashReason, long changedAtNanos) {
    if (!PROBE.isEnabled()) {
      return;
    }
    ServiceTransitionEvent e = new ServiceTransitionEvent();
    if (!e.shouldCommit()) {
      return;
    }
    e.serviceId = service.id();
    e.label = service.label();
    e.serviceClass = service.getClass().getName();
    e.from = from.name();
    e.to = to.name();
    e.restartCount = restartCount;
    e.crashReason = crashReason;
    e.changedAt = WallClock.instantAt(changedAtNanos).toEpochMilli();
    e.commit();
  }
}
