package mode;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle state of a {@link Service}.
 *
 * <p>One explicit state machine replaces the four flags of mode (started, stopped, shutdown,
 * crashed). The legal moves are:
 *
 * <pre>
 *   INIT ──start──▶ STARTING ──▶ RUNNING ──stop──▶ STOPPING ──▶ SHUTDOWN
 *     │                 │            │                 │            │
 *     └──stop──▶ STOPPING            └──crash──▶ CRASHED ◀──────────┘ (a crash while starting or stopping)
 *   SHUTDOWN / CRASHED ──restart──▶ STARTING   (after a reset; restartCount + 1)
 *   CRASHED ──stop──▶ STOPPING
 * </pre>
 *
 * <p>Unlike mode, a stopped service really reaches {@link #SHUTDOWN} (mode reports
 * "stopping" forever), and a service whose start failed is {@link #CRASHED} (mode reports
 * "running").
 */
public enum State {
  /** Created, never started (or reset and not yet started again). */
  INIT,
  /** {@code start()} is running the start hooks and starting dependencies. */
  STARTING,
  /** Started; background tasks and timers run. */
  RUNNING,
  /** {@code stop()} is running the stop hooks, stopping dependencies and cancelling tasks. */
  STOPPING,
  /** Stopped cleanly. Terminal until a restart. */
  SHUTDOWN,
  /** Crashed: a task failed, a start hook threw, or {@code crash(reason)} was called. */
  CRASHED;

  /** {@return whether this state ends a run of the service (only a restart leaves it)} */
  public boolean isTerminal() {
    return this == SHUTDOWN || this == CRASHED;
  }

  /** {@return whether the service is starting or running, i.e. counts as started} */
  public boolean isActive() {
    return this == STARTING || this == RUNNING;
  }

  /** Bit {@code n} of entry {@code s} is set when state {@code s} may move to state {@code n}. */
  private static final int[] SUCCESSORS;

  static {
    State[] all = values();
    SUCCESSORS = new int[all.length];
    for (State s : all) {
      for (State next : s.successors()) {
        SUCCESSORS[s.ordinal()] |= 1 << next.ordinal();
      }
    }
  }

  /** {@return the states this state may move to directly (a fresh, modifiable set)} */
  public Set<State> successors() {
    return switch (this) {
      case INIT -> EnumSet.of(STARTING, STOPPING, CRASHED);
      case STARTING -> EnumSet.of(RUNNING, STOPPING, CRASHED);
      case RUNNING -> EnumSet.of(STOPPING, CRASHED);
      case STOPPING -> EnumSet.of(SHUTDOWN, CRASHED);
      case SHUTDOWN -> EnumSet.of(STARTING, INIT);
      case CRASHED -> EnumSet.of(STOPPING, STARTING, INIT);
    };
  }

  /**
   * {@return whether {@code next} is a legal direct successor of this state}
   *
   * @param next the state to move to
   */
  public boolean canMoveTo(State next) {
    // A bit test: this runs on every state change, twice.
    return (SUCCESSORS[ordinal()] & (1 << next.ordinal())) != 0;
  }
}
