package mode.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;
import mode.Service;
import mode.State;

/**
 * A service changed state ({@code mode.ServiceTransition}). The thread that made the move writes
 * its plain values into a log as it moves; a writer thread commits this event from them a moment
 * later (in a pause of the moves, within about 120 ms, and at the end of every chunk, so a
 * recording that stops or is dumped holds every move made before). The event's own time is therefore when it was written:
 * {@link #changedAt} is the instant the runtime recorded for the change, {@link #movedBy} the
 * thread that made it, and {@link #sequence} the order of the moves in the JVM.
 */
@Name("mode.ServiceTransition")
@Label("Service Transition")
@Category("mode")
@Description("A service of a mode tree changed state")
@StackTrace(false)
@Period("everyChunk") // when the moves still in the log are committed, besides the writer's rounds
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

  /** The order of the move among all moves of the JVM's services, from 0; moves of one millisecond differ here. */
  @Label("Sequence")
  public long sequence;

  /** The thread that made the move. */
  @Label("Moved By")
  public Thread movedBy;

  /** Asked whether a recording takes the event, so that nothing is written while none does. */
  private static final ServiceTransitionEvent PROBE = new ServiceTransitionEvent();

  /** An event to fill and commit. */
  public ServiceTransitionEvent() {}

  /**
   * Writes the move of {@code service} {@code from → to} into the log if a recording takes this
   * event; one check otherwise. Called by the service runtime with its hub lock held, right after
   * the move; pair it with {@link #afterMove()} once the lock is released.
   *
   * @param service the service that moved
   * @param from the state before
   * @param to the state after
   * @param restartCount the restart count after the move
   * @param crashReason the crash reason on a move to CRASHED, else null
   * @param changedAtNanos when the move happened, a {@link System#nanoTime()} stamp
   */
  public static void recordLocked(
      Service service, State from, State to, int restartCount, String crashReason, long changedAtNanos) {
    if (PROBE.isEnabled()) {
      TransitionLog.appendLocked(service, from, to, restartCount, crashReason, changedAtNanos);
    }
  }

  /**
   * Called by the service runtime right after it released the hub lock of a move: starts or wakes
   * the log's writer when it must, or commits the log itself when the writer is far behind; one
   * check otherwise.
   */
  public static void afterMove() {
    TransitionLog.afterMove();
  }
}
