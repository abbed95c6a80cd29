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

  /** When the event happened (wall clock). */
  Instant at();

  /** The whole tree at a moment: every service reachable from the subscribed root. */
  record Snapshot(Instant at, List<ServiceInfo> services) implements ServiceEvent {
    /** Keeps an unmodifiable copy of {@code services}. */
    public Snapshot {
      services = List.copyOf(services);
    }
  }

  /** A service joined the tree (it was added as a dependency of {@code service.parentId()}). */
  record ServiceAdded(Instant at, ServiceInfo service) implements ServiceEvent {}

  /** A service left the tree. */
  record ServiceRemoved(Instant at, long serviceId) implements ServiceEvent {}

  /** {@code parentId} now depends on {@code childId}. */
  record DependencyAdded(Instant at, long parentId, long childId) implements ServiceEvent {}

  /** {@code parentId} no longer depends on {@code childId}. */
  record DependencyRemoved(Instant at, long parentId, long childId) implements ServiceEvent {}

  /**
   * A state change. On a move to CRASHED, {@code crashReason} and {@code crashStack} are set.
   *
   * @param restartCount the service's restart count after the change
   */
  record Transition(
      Instant at,
      long serviceId,
      State from,
      State to,
      int restartCount,
      String crashReason,
      String crashStack)
      implements ServiceEvent {}

  /** New counters of one timer, task or crontab. */
  record TimerStats(Instant at, long serviceId, String timer, long runs, long overruns)
      implements ServiceEvent {}

  /**
   * A hook, task step or timer callback ran longer than the blocking timeout.
   *
   * @param what e.g. {@code onStart} or {@code timer tick}
   * @param stack the blocked thread's stack trace as text
   */
  record Blocking(Instant at, long serviceId, String what, Duration elapsed, String stack)
      implements ServiceEvent {}

  /** A warning or error logged by the runtime or a service ({@code serviceId} may be null). */
  record Log(Instant at, Long serviceId, String level, String logger, String message)
      implements ServiceEvent {}

  /**
   * A diagnostic flag of a service was set or cleared (see {@code Service.diag()}).
   *
   * @param set {@code true} when the flag was set, {@code false} when it was cleared
   */
  record FlagChanged(Instant at, long serviceId, String flag, boolean set) implements ServiceEvent {}

  /** Events were dropped for this subscriber because it fell behind; a Snapshot follows. */
  record Gap(Instant at, long dropped) implements ServiceEvent {}
}
