package mode.inspector.model;

import java.time.Instant;
import java.util.Objects;
import mode.State;
import mode.events.ServiceEvent;

/**
 * One line of the transition history: a service moved from one state to another.
 *
 * @param at when it happened (the worker's clock)
 * @param serviceId the service's id
 * @param label the service's label at that moment (kept when the service is later removed)
 * @param from the state before
 * @param to the state after
 * @param restartCount the restart count after the change
 * @param crashReason the crash reason on a move to CRASHED, else {@code null}
 * @param inferred {@code true} when the change was not seen but deduced from a fresh snapshot
 *     (after a gap or a reconnect)
 * @param cause why it moved, as the worker said ({@link ServiceEvent.Transition#cause()}), or
 *     {@code null} when it did not say
 * @param by who made the move ({@code "client 3"}, a supervisor's label, a signal), or {@code null}
 */
public record TransitionRecord(
    Instant at,
    long serviceId,
    String label,
    State from,
    State to,
    int restartCount,
    String crashReason,
    boolean inferred,
    String cause,
    String by) {

  /** A line without a cause (an inferred change, or a worker that does not tell causes). */
  public TransitionRecord(Instant at, long serviceId, String label, State from, State to, int restartCount,
      String crashReason, boolean inferred) {
    this(at, serviceId, label, from, to, restartCount, crashReason, inferred, null, null);
  }

  /**
   * What happened and why, in words: {@code "restarted by you"}, {@code "restarted by supervisor
   * Sup after a crash"}, {@code "stopped with its parent"}, {@code "crashed"}; empty when the
   * worker did not say why.
   *
   * @param self how the worker names this inspector's connection (its hello's {@code client}), or
   *     {@code null}: an operator move by it is "by you"
   */
  public String why(String self) {
    if (cause == null) {
      return "";
    }
    String verb = switch (to) {
      case INIT -> "restarted";
      case STARTING, RUNNING -> "started";
      case STOPPING, SHUTDOWN -> "stopped";
      case CRASHED -> "crashed";
    };
    return switch (cause) {
      case ServiceEvent.Transition.OPERATOR -> verb + " by " + (by != null && Objects.equals(by, self) ? "you" : by == null ? "an operator" : by);
      case ServiceEvent.Transition.SUPERVISOR -> verb + " by supervisor" + (by == null ? "" : " " + by) + " after a crash";
      case ServiceEvent.Transition.PARENT -> verb + " with its parent";
      case ServiceEvent.Transition.WORKER -> verb + " by the worker" + (by == null ? "" : " (" + by + ")");
      case ServiceEvent.Transition.CRASH -> "crashed";
      default -> verb + " (" + cause + ")";
    };
  }
}
