package mode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mode.events.ServiceEvent;
import mode.events.ServiceInfo;
import mode.internal.EventHub;
import mode.internal.WallClock;
import mode.jfr.ServiceTransitionEvent;
import mode.timers.StopSignal;

/**
 * The state of one service and the one place where it changes ({@link #move}).
 *
 * <p>Every field a subscriber can see is written with the {@link EventHub} lock held, in the same
 * critical section that queues the {@code Transition} event, so snapshots and the event stream
 * agree. Reads of {@link #state()} are lock-free. Each run (from INIT to the end of a
 * stop) has its own {@link StopSignal}, replaced when a restart resets the service.
 */
final class StateMachine implements EventHub.TransitionSource {
  private final Service service;
  private volatile State state = State.INIT;
  // Wall-clock instants are made only when an event or a description needs them (null until
  // then), from the System.nanoTime() stamps that every move records (one clock read).
  private Instant stateSince;
  private long stateSinceNanos = System.nanoTime();
  private Instant startedAt;
  private long startedAtNanos;
  /** -1 until the first start (or stop) completed. */
  private long startNanos = -1;
  private long stopNanos = -1;
  private volatile Throwable crashReason;
  /** The reason's {@code toString()} and stack, made before the move (user code: off the lock). */
  private String crashText;
  private String crashStack;
  private volatile int restartCount;
  /**
   * The stop signal of the current run (from INIT to the end of its stop), set when a stop is
   * asked for or begins; a reset starts a new run with a new signal.
   */
  private volatile StopSignal signal = new StopSignal();
  /**
   * Whether the current run's stop began; read and written only by the operation holding the
   * service's turn (as resets are, which clear it).
   */
  private boolean stopBegan;
  /**
   * The event subscriptions that see this service, kept by the hub and guarded by its lock: null
   * (a move then costs no event work at all), the one subscription (the usual case: no array to
   * read), or an array of them.
   */
  Object observers;

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

  /** The stop signal of the current run. */
  StopSignal signal() {
    return signal;
  }

  /** Whether the current run's stop began; call while holding the service's turn. */
  boolean stopBegan() {
    return stopBegan;
  }

  /** Records that the current run's stop begins; call while holding the service's turn. */
  void markStopBegan() {
    stopBegan = true;
  }

  /** Stop requested, stopping, shut down or crashed. */
  boolean shouldStop() {
    State s = state;
    return signal.isSet() || s == State.STOPPING || s == State.SHUTDOWN || s == State.CRASHED;
  }

  /**
   * What {@link #moveStamped} returns for a move that was not legal. {@link System#nanoTime()}
   * does not return it in practice (it counts from an origin near boot or the VM's start).
   */
  static final long REFUSED = Long.MIN_VALUE;

  /**
   * Moves to {@code next}, or throws naming the service and both states.
   *
   * @return the move's {@link System#nanoTime()} stamp
   * @throws ServiceException if the move is not legal from the current state
   */
  long moveTo(State next) {
    long[] stamp = {0};
    State from = move(next, null, stamp);
    if (from != null) {
      throw new ServiceException("Service " + service.label() + " cannot move to " + next
          + ": expected one of " + legalSources(next) + ", but it is " + from);
    }
    return stamp[0];
  }

  /**
   * Moves to {@code next} if legal.
   *
   * @return the move's {@link System#nanoTime()} stamp (for a step that begins right after it,
   *     without a clock read of its own), or {@link #REFUSED} if it did not move
   */
  long moveStamped(State next) {
    long[] stamp = {0};
    return move(next, null, stamp) == null ? stamp[0] : REFUSED;
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
    return move(next, null, null) == null;
  }

  /** Moves to CRASHED with {@code reason} if legal; returns whether it moved. */
  boolean tryCrash(Throwable reason) {
    return move(State.CRASHED, reason, null) == null;
  }

  /**
   * The one transition: checks legality, records the time and side data, publishes the {@code
   * Transition} event, all under the hub lock; wakes sleepers after releasing it.
   *
   * @param stamp if not null, receives the move's {@code System.nanoTime()} stamp at index 0
   * @return {@code null} when it moved, else the state that made the move illegal
   */
  private State move(State next, Throwable reason, long[] stamp) {
    StopSignal toWake = null;
    State from;
    long nanos;
    // A Throwable's text is user code (getMessage): read it before taking the hub lock.
    String reasonText = reason == null ? null : describeSafely(reason);
    String reasonStack = reason == null ? null : stackText(reason);
    EventHub.lock();
    try {
      from = state;
      if (!from.canMoveTo(next)) {
        return from;
      }
      nanos = System.nanoTime();
      switch (next) {
        case RUNNING -> {
          startedAt = null;
          startedAtNanos = nanos;
          startNanos = nanos - stateSinceNanos;
        }
        case SHUTDOWN -> stopNanos = nanos - stateSinceNanos;
        case CRASHED -> {
          crashReason = reason;
          crashText = reasonText;
          crashStack = reasonStack;
        }
        case INIT -> resetRun();
        default -> {}
      }
      state = next;
      stateSince = null;
      stateSinceNanos = nanos;
      Object seenBy = observers;
      if (seenBy != null) {
        EventHub.transitionLocked(seenBy, service, nanos, from, next, restartCount, this);
      }
      // One check unless a recording takes it.
      ServiceTransitionEvent.recordLocked(service, from, next, restartCount,
          next == State.CRASHED ? reasonText : null, nanos);
      if (next == State.CRASHED || next == State.STOPPING) {
        toWake = signal;
      }
    } finally {
      EventHub.unlock();
    }
    if (toWake != null) {
      toWake.set();
    }
    ServiceTransitionEvent.afterMove(); // one check unless the recording's log needs this thread
    if (stamp != null) {
      stamp[0] = nanos;
    }
    return null;
  }

  private void resetRun() {
    restartCount++;
    crashReason = null;
    crashText = null;
    crashStack = null;
    stopBegan = false;
    signal = new StopSignal();
  }

  /**
   * The event of the move {@code from → to} at {@code nanos}, when the hub needs it built here (a
   * crash); its instant becomes the state's recorded instant. Called under the hub lock, right
   * after the move. (Plain moves are built by the subscriber from the same stamp, with {@link
   * WallClock}, as snapshots derive the state's instant: both agree.)
   */
  @Override
  public ServiceEvent.Transition transitionLocked(long nanos, State from, State to) {
    Instant at = WallClock.instantAt(nanos);
    stateSince = at;
    if (to == State.RUNNING) {
      startedAt = at;
    }
    boolean crashed = to == State.CRASHED;
    return new ServiceEvent.Transition(
        at,
        service.id(),
        from,
        to,
        restartCount,
        crashed ? crashText : null,
        crashed ? crashStack : null);
  }

  /**
   * What a description of the service needs from its state, read in one go; call with the hub
   * lock held, so that it agrees with the event stream.
   */
  Facts factsLocked() {
    fillInInstantsLocked();
    return new Facts(state, stateSince, startedAt, startNanos, stopNanos, restartCount, crashReason, crashStack);
  }

  /** The state side of a {@link ServiceInfo}, as read by {@link #factsLocked()}. */
  record Facts(
      State state,
      Instant stateSince,
      Instant startedAt,
      long startNanos,
      long stopNanos,
      int restartCount,
      Throwable crashReason,
      String crashStack) {

    /**
     * The description, built from these facts and the service's other parts. Runs user code
     * (labels), so never under the hub lock: that is checked. A label that throws is replaced by
     * the class name and the error, so that a description is always made.
     *
     * @throws IllegalStateException if the calling thread holds the hub lock
     */
    ServiceInfo describe(
        Service service,
        Long parentId,
        List<Long> dependencyIds,
        List<ServiceInfo.TimerInfo> timers,
        Map<String, Instant> flags) {
      if (EventHub.heldByCurrentThread()) {
        throw new IllegalStateException(
            "a description of service " + service.id() + " runs user code and must not be built under the hub lock");
      }
      return new ServiceInfo(
          service.id(),
          labelOf(service, false),
          labelOf(service, true),
          service.getClass().getName(),
          state,
          parentId,
          dependencyIds,
          stateSince,
          startedAt,
          startNanos < 0 ? null : Duration.ofNanos(startNanos),
          stopNanos < 0 ? null : Duration.ofNanos(stopNanos),
          restartCount,
          crashReason == null ? null : describeSafely(crashReason),
          crashStack,
          timers,
          flags);
    }
  }

  /** The service's label (or short label); if it throws, its class name and what it threw. */
  static String labelOf(Service service, boolean shortLabel) {
    try {
      return shortLabel ? service.shortLabel() : service.label();
    } catch (RuntimeException e) {
      return service.getClass().getName() + " (" + (shortLabel ? "shortLabel" : "label") + "() threw "
          + e.getClass().getName() + ")";
    }
  }

  /**
   * Derives the wall-clock instants that unobserved moves did not record from their monotonic
   * stamps, once: later descriptions return the same instants. Call with the hub lock held.
   */
  private void fillInInstantsLocked() {
    if (stateSince == null) {
      stateSince = WallClock.instantAt(stateSinceNanos);
    }
    if (startNanos >= 0 && startedAt == null) {
      startedAt = WallClock.instantAt(startedAtNanos);
    }
  }

  static String stackText(Throwable t) {
    if (t == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    try {
      t.printStackTrace(new PrintWriter(out));
    } catch (RuntimeException e) {
      out.append(" (printing the stack threw ").append(e.getClass().getName()).append(')');
    }
    return out.toString();
  }

  private static String describeSafely(Throwable t) {
    try {
      return t.toString();
    } catch (RuntimeException e) {
      return t.getClass().getName() + " (toString() threw " + e.getClass().getName() + ")";
    }
  }
}
