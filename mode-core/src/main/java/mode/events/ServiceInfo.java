package mode.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import mode.State;

/**
 * One service as seen at a moment: identity, state, place in the graph, timings.
 *
 * @param id unique within the JVM, never reused; stable across restarts of the same object
 * @param label the service's {@code label()}
 * @param shortLabel the service's {@code shortLabel()}
 * @param className the fully qualified class name
 * @param state the state at the moment of the snapshot
 * @param parentId the id of the service it was added to as a dependency, or {@code null} for a root
 * @param dependencyIds the ids of its dependencies, in insertion order
 * @param stateSince when it entered {@code state}
 * @param startedAt when it last entered RUNNING, or {@code null}
 * @param startDuration how long its last start took (STARTING to RUNNING), or {@code null}
 * @param stopDuration how long its last stop took (STOPPING to SHUTDOWN), or {@code null}
 * @param restartCount how many times it was restarted
 * @param crashReason {@code toString()} of the crash reason when CRASHED (kept after a stop), or {@code null}
 * @param crashStack the crash reason's stack trace as text, or {@code null}
 * @param timers its background tasks, timers and crontabs with their counters
 * @param flags its diagnostic flags that are set (see {@code Service.diag()}), by name, each with
 *     the time it was set; empty when none (also when a peer did not send the field)
 * @param supervisor what it supervises and how, if it is a supervisor ({@code
 *     mode.supervisors.SupervisorStrategy}), else {@code null} (also when a peer did not send the
 *     field)
 */
public record ServiceInfo(
    long id,
    String label,
    String shortLabel,
    String className,
    State state,
    Long parentId,
    List<Long> dependencyIds,
    Instant stateSince,
    Instant startedAt,
    Duration startDuration,
    Duration stopDuration,
    int restartCount,
    String crashReason,
    String crashStack,
    List<TimerInfo> timers,
    Map<String, Instant> flags,
    SupervisorInfo supervisor) {

  /**
   * Checks the required components and copies the collections.
   *
   * @throws NullPointerException if a required component is null
   */
  public ServiceInfo {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(shortLabel, "shortLabel");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateSince, "stateSince");
    dependencyIds = List.copyOf(dependencyIds);
    timers = List.copyOf(timers);
    flags = flags == null || flags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(flags));
  }

  /**
   * A description without diagnostic flags; the components are those of the record.
   *
   * @param id the service's id
   * @param label the service's {@code label()}
   * @param shortLabel the service's {@code shortLabel()}
   * @param className the fully qualified class name
   * @param state the state at the moment of the snapshot
   * @param parentId the id of the service it was added to, or {@code null} for a root
   * @param dependencyIds the ids of its dependencies, in insertion order
   * @param stateSince when it entered {@code state}
   * @param startedAt when it last entered RUNNING, or {@code null}
   * @param startDuration how long its last start took, or {@code null}
   * @param stopDuration how long its last stop took, or {@code null}
   * @param restartCount how many times it was restarted
   * @param crashReason {@code toString()} of the crash reason, or {@code null}
   * @param crashStack the crash reason's stack trace as text, or {@code null}
   * @param timers its background tasks, timers and crontabs with their counters
   * @throws NullPointerException if a required component is null
   */
  public ServiceInfo(
      long id,
      String label,
      String shortLabel,
      String className,
      State state,
      Long parentId,
      List<Long> dependencyIds,
      Instant stateSince,
      Instant startedAt,
      Duration startDuration,
      Duration stopDuration,
      int restartCount,
      String crashReason,
      String crashStack,
      List<TimerInfo> timers) {
    this(id, label, shortLabel, className, state, parentId, dependencyIds, stateSince, startedAt,
        startDuration, stopDuration, restartCount, crashReason, crashStack, timers, Map.of(), null);
  }

  /**
   * A description of a service that is not a supervisor; the components are those of the record.
   *
   * @param id the service's id
   * @param label the service's {@code label()}
   * @param shortLabel the service's {@code shortLabel()}
   * @param className the fully qualified class name
   * @param state the state at the moment of the snapshot
   * @param parentId the id of the service it was added to, or {@code null} for a root
   * @param dependencyIds the ids of its dependencies, in insertion order
   * @param stateSince when it entered {@code state}
   * @param startedAt when it last entered RUNNING, or {@code null}
   * @param startDuration how long its last start took, or {@code null}
   * @param stopDuration how long its last stop took, or {@code null}
   * @param restartCount how many times it was restarted
   * @param crashReason {@code toString()} of the crash reason, or {@code null}
   * @param crashStack the crash reason's stack trace as text, or {@code null}
   * @param timers its background tasks, timers and crontabs with their counters
   * @param flags its diagnostic flags that are set, by name, with the time each was set
   * @throws NullPointerException if a required component is null
   */
  public ServiceInfo(
      long id,
      String label,
      String shortLabel,
      String className,
      State state,
      Long parentId,
      List<Long> dependencyIds,
      Instant stateSince,
      Instant startedAt,
      Duration startDuration,
      Duration stopDuration,
      int restartCount,
      String crashReason,
      String crashStack,
      List<TimerInfo> timers,
      Map<String, Instant> flags) {
    this(id, label, shortLabel, className, state, parentId, dependencyIds, stateSince, startedAt,
        startDuration, stopDuration, restartCount, crashReason, crashStack, timers, flags, null);
  }

  /**
   * This description with {@code supervisor} in place of its own.
   *
   * @param supervisor what the service supervises and how, or {@code null}
   * @return a copy with that component replaced
   */
  public ServiceInfo withSupervisor(SupervisorInfo supervisor) {
    return new ServiceInfo(id, label, shortLabel, className, state, parentId, dependencyIds,
        stateSince, startedAt, startDuration, stopDuration, restartCount, crashReason, crashStack,
        timers, flags, supervisor);
  }

  /**
   * What a supervisor supervises and how it reacts to their crashes.
   *
   * @param strategy the strategy in mode's words, lower case with hyphens: {@code one-for-one},
   *     {@code one-for-all}, {@code rest-for-one}, {@code forfeit-one-for-one}, {@code
   *     forfeit-one-for-all}, {@code crashing}; a subclass of one of these has its strategy, any
   *     other supervisor its class name in that form
   * @param restarts whether the strategy restarts crashed services, so that the restart limit
   *     applies (the forfeiting strategies and {@code crashing} never restart)
   * @param maxRestarts the most restarts allowed within any period of length {@code over}; one
   *     more makes the supervisor give up and crash
   * @param over the length of the sliding restart window
   * @param supervisedIds the ids of the supervised services, in the order they were added
   */
  public record SupervisorInfo(
      String strategy, boolean restarts, int maxRestarts, Duration over, List<Long> supervisedIds) {
    /**
     * Checks the required components and copies the list.
     *
     * @throws NullPointerException if a required component is null
     */
    public SupervisorInfo {
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(over, "over");
      supervisedIds = supervisedIds == null ? List.of() : List.copyOf(supervisedIds);
    }
  }

  /**
   * A background activity of a service.
   *
   * @param name the method name
   * @param kind {@code task}, {@code timer}, {@code crontab} or {@code future}
   * @param schedule the interval in seconds for a timer, the cron expression for a crontab, else empty
   * @param runs finished runs (timer and crontab callbacks, task bodies), failed ones included
   * @param overruns runs that took longer than the interval
   * @param failures runs that threw (each also counts in {@code runs}); 0 when a peer did not say
   * @param lastRun when the last run (completed or failed) ended, or {@code null} if it never ran
   * @param nextRun when the next run is due, or {@code null} if none is scheduled (a task, a
   *     stopped service, a timer whose last run failed) or a peer did not say
   */
  public record TimerInfo(
      String name, String kind, String schedule, long runs, long overruns, long failures,
      Instant lastRun, Instant nextRun) {
    /**
     * Checks the required components.
     *
     * @throws NullPointerException if a required component is null
     */
    public TimerInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * Counters without failures and run times (no failure, never ran, nothing scheduled).
     *
     * @param name the method name
     * @param kind {@code task}, {@code timer}, {@code crontab} or {@code future}
     * @param schedule the interval in seconds, the cron expression, or empty
     * @param runs finished runs
     * @param overruns runs that took longer than the interval
     * @throws NullPointerException if a required component is null
     */
    public TimerInfo(String name, String kind, String schedule, long runs, long overruns) {
      this(name, kind, schedule, runs, overruns, 0, null, null);
    }
  }
}
