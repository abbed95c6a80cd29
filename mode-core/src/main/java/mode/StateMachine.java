package mode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.internal.EventHub;
import mode.timers.StopSignal;

/**
 * The state of one service and the one place where it changes ({@link #move}).
 *
 * <p>Every field a subscriber can see is written with the {@link EventHub} lock held, in the same
 * critical section that queues the {@code Transition} event, so snapshots and the event stream
 * agree. Reads of {@link #state()} are lock-free. Each {@link Run} (from INIT to the end of a
 * stop) has its own {@link StopSignal} and stop latch, replaced when a restart resets the service.
 */
final class StateMachine {
  private final Service service;
  private volatile State state = State.INIT;
  // Wall-clock instants are read only when an event needs them (null otherwise); a description
  // derives them from the System.nanoTime() stamps, which every move records (one clock read).
  private Instant stateSince;
  private long stateSinceNanos = System.nanoTime();
  private Instant startedAt;
  private long startedAtNanos;
  /** -1 until the first start (or stop) completed. */
  private long startNanos = -1;
  private long stopNanos = -1;
  private volatile Throwable crashReason;
  private String crashStack;
  private volatile int restartCount;
  private volatile Run run = new Run();

  /**
   * One run of the service, from INIT to the end of its stop: its stop signal, whether a stop was
   * requested, and the latch that opens when that stop finished. A reset starts a new run.
   */
  static final class Run {
    final StopSignal signal = new StopSignal();
    final CountDownLatch stopDone = new CountDownLatch(1);
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /**
     * Marks the run as asked to stop and wakes its sleepers.
     *
     * @return {@code true} for the first request (the caller then performs the stop)
     */
    boolean requestStop() {
      boolean first = stopRequested.compareAndSet(false, true);
      signal.set();
      return first;
    }
  }

  StateMachine(Service service) {
    this.service = service;
  }

  State state() {
    return state;
  }

  Throwable crashReason() {
    return crashReason;
  }

  int restartCount() {
    return restartCount;
  }

  /** The current run. */
  Run run() {
    return run;
  }

  /** The stop signal of the current run. */
  StopSignal signal() {
    return run.signal;
  }

  /** Stop requested, stopping, shut down or crashed. */
  boolean shouldStop() {
    State s = state;
    return run.signal.isSet() || s == State.STOPPING || s == State.SHUTDOWN || s == State.CRASHED;
  }

  /**
   * Moves to {@code next}, or throws naming the service and both states.
   *
   * @throws ServiceException if the move is not legal from the current state
   */
  void moveTo(State next) {
    State from = move(next, null);
    if (from != null) {
      throw new ServiceException("Service " + service.label() + " cannot move to " + next
          + ": expected one of " + legalSources(next) + ", but it is " + from);
    }
  }

  /** The states from which {@code next} may be reached, in declaration order. */
  private static Set<State> legalSources(State next) {
    Set<State> sources = EnumSet.noneOf(State.class);
    for (State s : State.values()) {
      if (s.canMoveTo(next)) {
        sources.add(s);
      }
    }
    return sources;
  }

  /** Moves to {@code next} if legal; returns whether it moved. */
  boolean tryMoveTo(State next) {
    return move(next, null) == null;
  }

  /** Moves to CRASHED with {@code reason} if legal; returns whether it moved. */
  boolean tryCrash(Throwable reason) {
    return move(State.CRASHED, reason) == null;
  }

  /**
   * The one transition: checks legality, records the time and side data, publishes the {@code
   * Transition} event, all under the hub lock; wakes sleepers after releasing it.
   *
   * @return {@code null} when it moved, else the state that made the move illegal
   */
  private State move(State next, Throwable reason) {
    StopSignal toWake = null;
    EventHub.lock();
    try {
      State from = state;
      if (!from.canMoveTo(next)) {
        return from;
      }
      long nanos = System.nanoTime();
      Instant now = EventHub.observedLocked() ? Instant.now() : null;
      switch (next) {
        case RUNNING -> {
          startedAt = now;
          startedAtNanos = nanos;
          startNanos = nanos - stateSinceNanos;
        }
        case SHUTDOWN -> stopNanos = nanos - stateSinceNanos;
        case CRASHED -> {
          crashReason = reason;
          crashStack = stackText(reason);
        }
        case INIT -> resetRun();
        default -> {}
      }
      state = next;
      stateSince = now;
      stateSinceNanos = nanos;
      if (now != null) {
        EventHub.emitLocked(service, transition(now, from, next));
      }
      if (next == State.CRASHED || next == State.STOPPING) {
        toWake = run.signal;
      }
    } finally {
      EventHub.unlock();
    }
    if (toWake != null) {
      toWake.set();
    }
    return null;
  }

  private void resetRun() {
    restartCount++;
    crashReason = null;
    crashStack = null;
    run = new Run();
  }

  private ServiceEvent.Transition transition(Instant at, State from, State to) {
    boolean crashed = to == State.CRASHED;
    return new ServiceEvent.Transition(
        at,
        service.id(),
        from,
        to,
        restartCount,
        crashed && crashReason != null ? crashReason.toString() : null,
        crashed ? crashStack : null);
  }

  /** Describes the service; call with the hub lock held for a consistent view. */
  ServiceInfo info(
      Long parentId, List<Long> dependencyIds, List<ServiceInfo.TimerInfo> timers, Map<String, Instant> flags) {
    Throwable reason = crashReason;
    fillInInstants();
    return new ServiceInfo(
        service.id(),
        service.label(),
        service.shortLabel(),
        service.getClass().getName(),
        state,
        parentId,
        dependencyIds,
        stateSince,
        startedAt,
        startNanos < 0 ? null : Duration.ofNanos(startNanos),
        stopNanos < 0 ? null : Duration.ofNanos(stopNanos),
        restartCount,
        reason == null ? null : reason.toString(),
        crashStack,
        timers,
        flags);
  }

  /**
   * Derives the wall-clock instants that unobserved moves did not read from their monotonic
   * stamps, once: later descriptions return the same instants.
   */
  private void fillInInstants() {
    EventHub.lock();
    try {
      if (stateSince != null && (startNanos < 0 || startedAt != null)) {
        return;
      }
      ClockAnchor anchor = ClockAnchor.now();
      if (stateSince == null) {
        stateSince = anchor.instantAt(stateSinceNanos);
      }
      if (startNanos >= 0 && startedAt == null) {
        startedAt = anchor.instantAt(startedAtNanos);
      }
    } finally {
      EventHub.unlock();
    }
  }

  /**
   * The wall clock and the monotonic clock read at (nearly) one moment. The two reads cannot be
   * atomic: a thread preempted between them would skew every derived instant by the length of the
   * preemption. So the wall-clock read is bracketed by two monotonic reads, its stamp is taken as
   * the middle, and of a few tries the tightest bracket wins.
   */
  private record ClockAnchor(Instant wall, long nanos) {
    private static final int TRIES = 4;
    /** A bracket this tight is as good as it gets; no further tries. */
    private static final long TIGHT_NANOS = 20_000;

    static ClockAnchor now() {
      ClockAnchor best = null;
      long bestWidth = Long.MAX_VALUE;
      for (int i = 0; i < TRIES && bestWidth > TIGHT_NANOS; i++) {
        long before = System.nanoTime();
        Instant wall = Instant.now();
        long width = System.nanoTime() - before;
        if (width < bestWidth) {
          best = new ClockAnchor(wall, before + width / 2);
          bestWidth = width;
        }
      }
      return best;
    }

    /** The wall-clock instant of the monotonic stamp {@code stamp}. */
    Instant instantAt(long stamp) {
      return wall.minusNanos(nanos - stamp);
    }
  }

  static String stackText(Throwable t) {
    if (t == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
