package mode;

/**
 * The outcome of {@link Service#waitFor}: the awaited value, or {@code stopped} when the service
 * was asked to stop or crashed first (the value is then {@code null} and the work was cancelled).
 *
 * <p><b>How {@code waitFor} behaves.</b> The calling thread (any thread) parks until the work is
 * done, the service is asked to stop or crashes, the timeout passes, or the thread is
 * interrupted. Whenever it returns without the work's outcome, it cancels the work: a {@code
 * Future} with {@code cancel(true)}; a {@code Callable}, which runs on a new thread named {@code
 * Label.wait-N}, by interrupting that thread. A stop wins over a value that arrives at the same
 * moment, as in mode. A failure of the work goes to the caller; it does not crash the service
 * (unlike {@code addFuture}). Failures: {@code ExecutionException} if the work failed (the cause
 * is its exception); {@code TimeoutException} if the timeout passed first, naming the service
 * and the timeout (mode reports a timeout as "stopped"); {@code InterruptedException} if the
 * waiting thread was interrupted.
 *
 * @param value the result of the awaited work; {@code null} when stopped (or when the work
 *     returned null)
 * @param stopped whether the wait ended because the service stopped or crashed
 * @param <T> the type of the awaited value
 */
public record WaitResult<T>(T value, boolean stopped) {

  static <T> WaitResult<T> of(T value) {
    return new WaitResult<>(value, false);
  }

  static <T> WaitResult<T> stop() {
    return new WaitResult<>(null, true);
  }
}
