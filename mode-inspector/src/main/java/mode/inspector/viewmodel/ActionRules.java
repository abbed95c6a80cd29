package mode.inspector.viewmodel;

import mode.State;

/**
 * When each action can succeed, as a sentence saying why not: the rules behind the enablement and
 * the tooltips of Start, Stop, Restart, Thread dump and the live stacks ("What is it doing now?"). A rule that allows the action answers
 * {@code null}. They follow the worker's lifecycle: only a service never started (INIT) starts; a
 * stopped or crashed one starts again through Restart; a stop or restart waits until a start or
 * stop under way settles.
 *
 * <p>Stateless; any thread.
 */
public final class ActionRules {
  private ActionRules() {}

  /** The actions on a worker. */
  public enum Action {
    /** Start the selected service. */
    START,
    /** Stop the selected service. */
    STOP,
    /** Restart the selected service. */
    RESTART,
    /** Take a thread dump of the worker. */
    THREAD_DUMP,
    /** Ask what the selected service is doing now: its live stacks. */
    LIVE_STACKS
  }

  /**
   * What the actions depend on.
   *
   * @param attached whether commands can reach a worker
   * @param notLive why the screen does not show the present (e.g. "Disconnected: last seen …"),
   *     or {@code null} while live
   * @param label the selected service's label, or {@code null} when none is selected
   * @param state the selected service's state, or {@code null}
   * @param busy whether a command is under way
   */
  public record Situation(boolean attached, String notLive, String label, State state, boolean busy) {}

  /** Why {@code action} cannot succeed in {@code s}, or {@code null} when it can. */
  public static String whyNot(Action action, Situation s) {
    if (!s.attached()) {
      return "Not attached to a worker";
    }
    if (s.notLive() != null) {
      return s.notLive();
    }
    if (action == Action.LIVE_STACKS) {
      // Not held up by a command under way: a restart that hangs is what one asks about.
      return s.label() == null ? "Select a service first" : null;
    }
    if (s.busy()) {
      return "Waiting for the last command to finish";
    }
    if (action == Action.THREAD_DUMP) {
      return null;
    }
    if (s.label() == null || s.state() == null) {
      return "Select a service first";
    }
    return switch (action) {
      case START -> whyNotStart(s.label(), s.state());
      case STOP -> switch (s.state()) {
        case STOPPING -> s.label() + " is already stopping";
        case SHUTDOWN -> s.label() + " is already stopped";
        default -> null;
      };
      case RESTART -> switch (s.state()) {
        case STARTING -> s.label() + " is starting: wait until it is running";
        case STOPPING -> s.label() + " is stopping: wait until it is stopped";
        default -> null;
      };
      case THREAD_DUMP, LIVE_STACKS -> null;
    };
  }

  private static String whyNotStart(String label, State state) {
    return switch (state) {
      case INIT -> null;
      case STARTING -> label + " is already starting";
      case RUNNING -> label + " is already running";
      case STOPPING -> label + " is stopping: a stopped service starts again with Restart";
      case SHUTDOWN -> label + " is stopped: a stopped service starts again with Restart";
      case CRASHED -> label + " crashed: a crashed service starts again with Restart";
    };
  }
}
