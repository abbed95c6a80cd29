package mode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of {@link Service#waitFirst} and {@link Service#waitMany}: which pieces of work
 * finished and their values, or {@code stopped} when the service was asked to stop or crashed
 * first (then both lists are empty and the unfinished work was cancelled).
 *
 * <p><b>How the waits behave.</b> Each piece of work runs on its own thread ({@code
 * Label.wait-N}). {@code waitFirst} returns once one piece finished (several if they finished
 * together) and cancels the others; {@code waitMany} returns once all finished, every value in
 * argument order. Both return a stopped result when the service is asked to stop or crashes
 * first, and cancel (interrupt) the unfinished work on every early end. Failures, as for {@link
 * WaitResult}: {@code ExecutionException} if a finished piece failed (the first in argument
 * order), {@code TimeoutException} if the timeout passed first, {@code InterruptedException};
 * {@code IllegalArgumentException} when there is no work.
 *
 * @param done the positions (in argument order, counting from 0) of the work that finished, in
 *     ascending order
 * @param results the values of that work, aligned with {@code done}; may contain {@code null}
 * @param stopped whether the wait ended because the service stopped or crashed
 * @param <T> the common type of the values
 */
public record WaitResults<T>(List<Integer> done, List<T> results, boolean stopped) {

  /**
   * Copies the lists (unmodifiable; {@code results} may hold nulls).
   *
   * @throws IllegalArgumentException if the lists differ in size
   */
  public WaitResults {
    done = List.copyOf(done);
    results = Collections.unmodifiableList(new ArrayList<>(results));
    if (done.size() != results.size()) {
      throw new IllegalArgumentException(
          "done and results differ in size: " + done.size() + " and " + results.size());
    }
  }

  static <T> WaitResults<T> stop() {
    return new WaitResults<>(List.of(), List.of(), true);
  }
}
