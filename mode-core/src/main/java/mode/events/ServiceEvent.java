package mode.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mode.State;

/**
 * Everything a subscriber to a service tree is told, in order. A subscriber first receives a
 * {@link Snapshot}, then the changes that follow it.
 */
public sealed interface ServiceEvent {

  /** {@return when the event happened (wall clock)} */
  Instant at();

  /**
   * The whole tree at a moment: every service reachable from the subscribed root.
   *
   * @param at when the event happened (wall clock)
   * @param services one entry per service, each with its parent's id
   */
  record Snapshot(Instant at, List<ServiceInfo> services) implements ServiceEvent {
    /** Keeps an unmodifiable copy of {@code services}. */
    public Snapshot {
      services = List.copyOf(services);
    }
  }

  /**
   * A service joined the tree (it was added as a dependency of {@code service.parentId()}).
   *
   * @param at when the event happened (wall clock)
   * @param service the new service as it is when added
   */
  record ServiceAdded(Instant at, ServiceInfo service) implements ServiceEvent {}

  /**
   * A service left the tree.
   *
   * @param at when the event happened (wall clock)
   * @param serviceId the id of the service that left
   */
  record ServiceRemoved(Instant at, long serviceId) implements ServiceEvent {}

  /**
   * {@code parentId} now depends on {@code childId}.
   *
   * @param at when the event happened (wall clock)
   * @param parentId the id of the service that added the dependency
   * @param childId the id of the service it now depends on
   */
  record DependencyAdded(Instant at, long parentId, long childId) implements ServiceEvent {}

  /**
   * {@code parentId} no longer depends on {@code childId}.
   *
   * @param at when the event happened (wall clock)
   * @param parentId the id of the service that removed the dependency
   * @param childId the id of the service it no longer depends on
   */
  record DependencyRemoved(Instant at, long parentId, long childId) implements ServiceEvent {}

  /**
   * A state change. On a move to CRASHED, {@code crashReason} and {@code crashStack} are set.
   *
   * <p>{@code cause} says why the service moved, when the runtime knows it (else {@code null}):
   *
   * <ul>
   *   <li>{@value #OPERATOR}: a {@code start}, {@code stop} or {@code restart} command of an inspect
   *       client for this service; {@code by} names the client ({@code "client 3"}, as its {@code
   *       hello} says);
   *   <li>{@value #SUPERVISOR}: its supervisor restarting it (or stopping it) after a crash in its
   *       group; {@code by} is the supervisor's label;
   *   <li>{@value #PARENT}: the start, stop or restart of a service above it, carried down the
   *       dependencies (an operator's or a supervisor's restart of a parent moves its children so);
   *   <li>{@value #WORKER}: the {@code Worker} starting or stopping its services (at startup, on a
   *       stop request, or on a signal, which {@code by} names: {@code "SIGTERM"});
   *   <li>{@value #CRASH}: every move to CRASHED (the service or a dependency failed).
   * </ul>
   *
   * A lifecycle call made by the services' own code ({@code service.restart()} in a hook or a
   * task) has no cause. Receivers treat a value they do not know like {@code null}.
   *
   * @param at when the event happened (wall clock)
   * @param serviceId the id of the service that changed state
   * @param from the state before the change
   * @param to the state after the change
   * @param restartCount the service's restart count after the change
   * @param crashReason on a move to CRASHED, the crash reason's {@code toString()}; otherwise null
   * @param crashStack on a move to CRASHED, the crash reason's stack trace as text; otherwise null
   * @param cause why it moved (one of the constants of this record), or {@code null} when unknown
   * @param by who made the move, for the causes that name one; otherwise {@code null}
   */
  record Transition(
      Instant at,
      long serviceId,
      State from,
      State to,
      int restartCount,
      String crashReason,
      String crashStack,
      String cause,
      String by)
      implements ServiceEvent {
    /** The cause of a move asked for by an inspect client's command. */
    public static final String OPERATOR = "operator";
    /** The cause of a move made by a supervisor reacting to a crash. */
    public static final String SUPERVISOR = "supervisor";
    /** The cause of a move carried down from a service above. */
    public static final String PARENT = "parent";
    /** The cause of a move made by the Worker's own start or stop. */
    public static final String WORKER = "worker";
    /** The cause of every move to CRASHED. */
    public static final String CRASH = "crash";

    /**
     * A transition whose cause is not known.
     *
     * @param at when the event happened (wall clock)
     * @param serviceId the id of the service that changed state
     * @param from the state before the change
     * @param to the state after the change
     * @param restartCount the service's restart count after the change
     * @param crashReason on a move to CRASHED, the crash reason's {@code toString()}; otherwise null
     * @param crashStack on a move to CRASHED, the crash reason's stack trace as text; otherwise null
     */
    public Transition(
        Instant at, long serviceId, State from, State to, int restartCount, String crashReason, String crashStack) {
      this(at, serviceId, from, to, restartCount, crashReason, crashStack, null, null);
    }

    /**
     * This transition with another cause.
     *
     * @param cause why it moved, or {@code null}
     * @param by who made the move, or {@code null}
     * @return a copy with {@code cause} and {@code by}
     */
    public Transition withCause(String cause, String by) {
      return new Transition(at, serviceId, from, to, restartCount, crashReason, crashStack, cause, by);
    }
  }

  /**
   * New counters of one timer, task or crontab.
   *
   * @param at when the event happened (wall clock)
   * @param serviceId the id of the service the method belongs to
   * @param timer the method's name
   * @param runs how many times it has run, failed runs included
   * @param overruns how many runs took longer than the interval
   * @param failures how many runs threw (each also counts in {@code runs})
   * @param lastRun when the last run ended, or {@code null} if it never ran
   * @param nextRun when the next run is due, or {@code null} if none is scheduled
   */
  record TimerStats(
      Instant at, long serviceId, String timer, long runs, long overruns, long failures,
      Instant lastRun, Instant nextRun)
      implements ServiceEvent {

    /**
     * Counters without failures and run times.
     *
     * @param at when the event happened (wall clock)
     * @param serviceId the id of the service the method belongs to
     * @param timer the method's name
     * @param runs how many times it has run
     * @param overruns how many runs took longer than the interval
     */
    public TimerStats(Instant at, long serviceId, String timer, long runs, long overruns) {
      this(at, serviceId, timer, runs, overruns, 0, null, null);
    }
  }

  /**
   * A hook, task step or timer callback ran longer than the blocking timeout.
   *
   * @param at when the event happened (wall clock)
   * @param serviceId the id of the service whose code blocked
   * @param what e.g. {@code onStart} or {@code timer tick}
   * @param elapsed how long it had been running when it was reported
   * @param stack the blocked thread's stack trace as text
   */
  record Blocking(Instant at, long serviceId, String what, Duration elapsed, String stack)
      implements ServiceEvent {}

  /**
   * A warning or error logged by the runtime or a service.
   *
   * @param at when the event happened (wall clock)
   * @param serviceId the id of the service that logged it; null when no service did
   * @param level the log level, e.g. {@code WARN} or {@code ERROR}
   * @param logger the name of the logger
   * @param message the formatted message
   */
  record Log(Instant at, Long serviceId, String level, String logger, String message)
      implements ServiceEvent {}

  /**
   * A diagnostic flag of a service was set or cleared (see {@code Service.diag()}).
   *
   * @param at when the event happened (wall clock)
   * @param serviceId the id of the service the flag belongs to
   * @param flag the flag's name
   * @param set {@code true} when the flag was set, {@code false} when it was cleared
   */
  record FlagChanged(Instant at, long serviceId, String flag, boolean set) implements ServiceEvent {}

  /**
   * Events were dropped for this subscriber because it fell behind; a Snapshot follows.
   *
   * @param at when the event happened (wall clock)
   * @param dropped how many events were dropped
   */
  record Gap(Instant at, long dropped) implements ServiceEvent {}
}
