package mode.inspector.viewmodel;

import java.util.function.Predicate;
import mode.State;

/** Which services the graph shows; the others are hidden, except as context for a match. */
public enum StateFilter {
  /** Every service. */
  ALL("All services", state -> true),
  /** Only crashed services. */
  CRASHED("Only crashed", state -> state == State.CRASHED),
  /** Every service that is not running. */
  NOT_RUNNING("Only not running", state -> state != State.RUNNING),
  /** Services starting or stopping right now. */
  IN_TRANSITION("Only starting or stopping", state -> state == State.STARTING || state == State.STOPPING);

  private final String title;
  private final Predicate<State> test;

  StateFilter(String title, Predicate<State> test) {
    this.title = title;
    this.test = test;
  }

  /** Whether a service in {@code state} passes. */
  public boolean accepts(State state) {
    return test.test(state);
  }

  /** The text shown in the filter box. */
  @Override
  public String toString() {
    return title;
  }
}
