package mode.inspector.model;

import java.time.Instant;
import mode.State;

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
 */
public record TransitionRecord(
    Instant at,
    long serviceId,
    String label,
    State from,
    State to,
    int restartCount,
    String crashReason,
    boolean inferred) {}
