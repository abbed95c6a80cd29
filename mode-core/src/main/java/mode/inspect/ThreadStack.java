package mode.inspect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thread running a service's code at the moment a {@link InspectMessage.Stacks} command was
 * answered: what it runs for the service and its stack then. Immutable.
 *
 * @param thread the thread's name (a task or timer thread is named {@code Label.method})
 * @param threadId the thread's id, as thread dumps show it ({@code #31})
 * @param virtual whether it is a virtual thread
 * @param state the thread's {@link Thread.State} when its stack was taken
 * @param what what it runs for the service: a hook ({@code onStart}), {@code task NAME}, {@code
 *     timer NAME}, {@code crontab NAME} or {@code future N}
 * @param since when that began (or woke from a {@code sleep} of the service), as this worker's
 *     clock saw it
 * @param frames the stack, innermost frame first, each as {@link StackTraceElement#toString()}
 * @param moreFrames how many frames beyond {@code frames} were left out (the stack is bounded)
 */
public record ThreadStack(
    String thread, long threadId, boolean virtual, String state, String what, Instant since,
    List<String> frames, int moreFrames) {
  /**
   * Checks the fields and copies the frames.
   *
   * @throws NullPointerException if a field other than {@code since} is null
   */
  public ThreadStack {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(what, "what");
    frames = List.copyOf(frames);
  }
}
