package mode.inspector.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mode.State;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.events.ServiceInfo.SupervisorInfo;
import mode.events.ServiceInfo.TimerInfo;

/**
 * One service as the inspector knows it: what the last snapshot said, updated by every event
 * since. Read-only outside this package.
 *
 * <p>Threading: owned by its {@link ServiceGraph}; read and written on the thread that applies
 * events (the FX thread in the app).
 */
public final class ServiceNode {
  /**
   * The most blocking reports kept per service (the newest): each carries a stack trace, and a
   * timer that blocks on every tick would otherwise send one a second for as long as it runs.
   */
  public static final int BLOCKING_CAPACITY = 20;

  /**
   * The most crash stacks kept per service (of its newest crashes): a crash loop sends one with
   * every crash, and the timeline keeps far more crashes than stacks are worth keeping.
   */
  public static final int CRASH_STACK_CAPACITY = 20;

  /** The stack of one crash seen, by the time of its transition. */
  private record CrashStack(Instant at, String stack) {}

  private final long id;
  private String label;
  private String shortLabel;
  private String className;
  private Long parentId;
  private State state;
  private Instant stateSince;
  private Instant startedAt;
  private Duration startDuration;
  private Duration stopDuration;
  private int restartCount;
  private String crashReason;
  private String crashStack;
  private Instant crashedAt;
  private int crashesSeen;
  private Instant firstCrashSeenAt;
  private final Map<String, TimerInfo> timers = new LinkedHashMap<>();
  private final Map<String, Instant> flags = new TreeMap<>();
  private final Ring<ServiceEvent.Blocking> blocking;
  private final Ring<CrashStack> crashStacks;
  private Instant firstStartAt;
  private Duration firstStartDuration;
  /** The last move seen whose cause the worker told, or null. */
  private TransitionRecord lastCaused;
  /** Restarts seen that no crash of this service caused (an operator's, a parent's, the worker's). */
  private int calmRestartsSeen;
  /** Operator restarts seen, by client ({@code by}); null until the first. */
  private Map<String, Integer> operatorRestarts;
  /** What it supervises and how, if it is a supervisor; else null. */
  private SupervisorInfo supervisor;

  ServiceNode(ServiceInfo info) {
    this.id = info.id();
    this.blocking = new Ring<>(BLOCKING_CAPACITY);
    this.crashStacks = new Ring<>(CRASH_STACK_CAPACITY);
    update(info);
  }

  /** A copy of {@code other} with every detail, for a graph that continues from a base state. */
  ServiceNode(ServiceNode other) {
    id = other.id;
    label = other.label;
    shortLabel = other.shortLabel;
    className = other.className;
    parentId = other.parentId;
    state = other.state;
    stateSince = other.stateSince;
    startedAt = other.startedAt;
    startDuration = other.startDuration;
    stopDuration = other.stopDuration;
    restartCount = other.restartCount;
    crashReason = other.crashReason;
    crashStack = other.crashStack;
    crashedAt = other.crashedAt;
    crashesSeen = other.crashesSeen;
    firstCrashSeenAt = other.firstCrashSeenAt;
    timers.putAll(other.timers);
    flags.putAll(other.flags);
    blocking = new Ring<>(other.blocking);
    crashStacks = new Ring<>(other.crashStacks);
    firstStartAt = other.firstStartAt;
    firstStartDuration = other.firstStartDuration;
    lastCaused = other.lastCaused;
    calmRestartsSeen = other.calmRestartsSeen;
    operatorRestarts = other.operatorRestarts == null ? null : new TreeMap<>(other.operatorRestarts);
    supervisor = other.supervisor;
  }

  void update(ServiceInfo info) {
    label = info.label();
    shortLabel = info.shortLabel();
    className = info.className();
    parentId = info.parentId();
    state = info.state();
    stateSince = info.stateSince();
    startedAt = info.startedAt();
    startDuration = info.startDuration();
    stopDuration = info.stopDuration();
    restartCount = info.restartCount();
    crashReason = info.crashReason();
    crashStack = info.crashStack();
    timers.clear();
    for (TimerInfo timer : info.timers()) {
      timers.put(timer.name(), timer);
    }
    flags.clear();
    flags.putAll(info.flags());
    supervisor = info.supervisor();
    if (firstStartAt == null && startedAt != null && startDuration != null) {
      firstStartAt = startedAt.minus(startDuration);
      firstStartDuration = startDuration;
    }
  }

  void apply(ServiceEvent.Transition t) {
    Instant previousSince = stateSince;
    State previous = state;
    state = t.to();
    stateSince = t.at();
    restartCount = t.restartCount();
    if (previous == State.STARTING && t.to() == State.RUNNING) {
      startedAt = t.at();
      startDuration = Duration.between(previousSince, t.at());
      if (firstStartAt == null) {
        firstStartAt = previousSince;
        firstStartDuration = startDuration;
      }
    } else if (previous == State.STOPPING && t.to() == State.SHUTDOWN) {
      stopDuration = Duration.between(previousSince, t.at());
    }
    if (t.to() == State.CRASHED) {
      crashReason = t.crashReason();
      crashStack = t.crashStack();
      crashedAt = t.at();
      crashesSeen++;
      if (t.crashStack() != null) {
        crashStacks.append(new CrashStack(t.at(), t.crashStack()));
      }
      if (firstCrashSeenAt == null) {
        firstCrashSeenAt = t.at();
      }
    }
  }

  /** Keeps what the move's cause says: the last cause, and which restarts were no crash's. */
  void applyCause(TransitionRecord move) {
    if (move.cause() == null) {
      return;
    }
    lastCaused = move;
    if (move.to() != State.INIT) {
      return;
    }
    switch (move.cause()) {
      case ServiceEvent.Transition.OPERATOR -> {
        calmRestartsSeen++;
        if (operatorRestarts == null) {
          operatorRestarts = new TreeMap<>();
        }
        operatorRestarts.merge(String.valueOf(move.by()), 1, Integer::sum);
      }
      case ServiceEvent.Transition.PARENT, ServiceEvent.Transition.WORKER -> calmRestartsSeen++;
      default -> { }
    }
  }

  /**
   * A supervisor's new dependency: a running supervisor's {@code add} makes the service both
   * supervised and a dependency, and the wire tells only the dependency until the next snapshot.
   *
   * @return whether it changed the supervised services
   */
  boolean supervise(long child) {
    if (supervisor == null || supervisor.supervisedIds().contains(child)) {
      return false;
    }
    List<Long> ids = new ArrayList<>(supervisor.supervisedIds());
    ids.add(child);
    supervisor = withIds(supervisor, ids);
    return true;
  }

  /**
   * A supervisor's dependency removed: its {@code discard} ends the supervision too.
   *
   * @return whether it changed the supervised services
   */
  boolean unsupervise(long child) {
    if (supervisor == null || !supervisor.supervisedIds().contains(child)) {
      return false;
    }
    List<Long> ids = new ArrayList<>(supervisor.supervisedIds());
    ids.remove(child);
    supervisor = withIds(supervisor, ids);
    return true;
  }

  private static SupervisorInfo withIds(SupervisorInfo s, List<Long> ids) {
    return new SupervisorInfo(s.strategy(), s.restarts(), s.maxRestarts(), s.over(), ids);
  }

  void apply(ServiceEvent.TimerStats stats) {
    TimerInfo old = timers.get(stats.timer());
    String kind = old == null ? "timer" : old.kind();
    String schedule = old == null ? "" : old.schedule();
    timers.put(stats.timer(), new TimerInfo(stats.timer(), kind, schedule, stats.runs(), stats.overruns(),
        stats.failures(), stats.lastRun(), stats.nextRun()));
  }

  void apply(ServiceEvent.FlagChanged change) {
    if (change.set()) {
      flags.put(change.flag(), change.at());
    } else {
      flags.remove(change.flag());
    }
  }

  void apply(ServiceEvent.Blocking report) {
    blocking.append(report);
  }

  /** This service as a {@link ServiceInfo} with the given dependencies (for DOT export). */
  public ServiceInfo toInfo(List<Long> dependencyIds) {
    return new ServiceInfo(id, label, shortLabel, className, state, parentId, dependencyIds, stateSince,
        startedAt, startDuration, stopDuration, restartCount, crashReason, crashStack, timers(), flags, supervisor);
  }

  /**
   * What it supervises and how, if it is a supervisor (its strategy, restart limit and supervised
   * services); {@code null} for any other service, and for a supervisor whose worker did not say.
   */
  public SupervisorInfo supervisor() {
    return supervisor;
  }

  /** The text its box in the graph shows: the label, or a supervisor's policy in words. */
  public String boxText() {
    return supervisor == null ? label : Supervision.boxText(supervisor);
  }

  /** The service's id, unique in its worker. */
  public long id() {
    return id;
  }

  /** The service's {@code label()}. */
  public String label() {
    return label;
  }

  /** The service's {@code shortLabel()}. */
  public String shortLabel() {
    return shortLabel;
  }

  /** The fully qualified class name. */
  public String className() {
    return className;
  }

  /** The service it was added to, or {@code null} for a root. */
  public Long parentId() {
    return parentId;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** When it entered the current state. */
  public Instant stateSince() {
    return stateSince;
  }

  /** When it last entered RUNNING, or {@code null}. */
  public Instant startedAt() {
    return startedAt;
  }

  /** How long its last start took, or {@code null}. */
  public Duration startDuration() {
    return startDuration;
  }

  /** How long its last stop took, or {@code null}. */
  public Duration stopDuration() {
    return stopDuration;
  }

  /** When its first start seen by the inspector began, or {@code null}. */
  public Instant firstStartAt() {
    return firstStartAt;
  }

  /** How long that first start took, or {@code null}. */
  public Duration firstStartDuration() {
    return firstStartDuration;
  }

  /** How many times it was restarted. */
  public int restartCount() {
    return restartCount;
  }

  /** The last crash reason, kept after a restart, or {@code null}. */
  public String crashReason() {
    return crashReason;
  }

  /** The last crash's stack trace as text, or {@code null}. */
  public String crashStack() {
    return crashStack;
  }

  /**
   * The stack trace of the crash whose transition happened at {@code at}, if the inspector saw
   * that transition and still keeps its stack (those of the newest {@link #CRASH_STACK_CAPACITY}
   * crashes); else {@code null}.
   */
  public String crashStackAt(Instant at) {
    for (int i = crashStacks.size() - 1; i >= 0; i--) {
      if (crashStacks.get(i).at().equals(at)) {
        return crashStacks.get(i).stack();
      }
    }
    return null;
  }

  /** When it last crashed, if the inspector saw it; else {@code null}. */
  public Instant crashedAt() {
    return crashedAt;
  }

  /** How many crashes the inspector saw (transitions to CRASHED since it attached). */
  public int crashesSeen() {
    return crashesSeen;
  }

  /** When the first crash the inspector saw happened, or {@code null}. */
  public Instant firstCrashSeenAt() {
    return firstCrashSeenAt;
  }

  /** The last move seen whose cause the worker told, or {@code null}. */
  public TransitionRecord lastCaused() {
    return lastCaused;
  }

  /**
   * How many of its restarts the inspector saw were not after a crash of it: an operator's, its
   * parent's, the worker's.
   */
  public int calmRestartsSeen() {
    return calmRestartsSeen;
  }

  /** Restarts asked for by {@code client} (a hello's {@code client}) that the inspector saw. */
  public int operatorRestartsBy(String client) {
    return operatorRestarts == null || client == null ? 0 : operatorRestarts.getOrDefault(client, 0);
  }

  /** Its diagnostic flags that are set, by name, each with the time it was set. */
  public Map<String, Instant> flags() {
    return Map.copyOf(flags);
  }

  /** Its tasks, timers and crontabs with their latest counters, in declaration order. */
  public List<TimerInfo> timers() {
    return List.copyOf(timers.values());
  }

  /** The newest blocking reports received for it (at most {@link #BLOCKING_CAPACITY}), oldest first. */
  public List<ServiceEvent.Blocking> blocking() {
    return Collections.unmodifiableList(blocking);
  }
}
