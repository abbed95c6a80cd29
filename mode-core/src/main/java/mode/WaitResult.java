package mode;

/**
 * The outcome of {@link Service#waitFor}: the awaited value, or {@code stopped} when the service
 * was asked to stop or crashed first (the value is then {@code null} and the work was cancelled).
 *
 * @param value the result of the awaited work; {@code null} when stopped (or when the work
 *     returned null)
 * @param stopped whether the wait ended because the service stopped or crashed
 */
public record WaitResult<T>(T value, boolean stopped) {

  static <T> WaitResult<T> of(T value) {
    return new WaitResult<>(value, false);
  }

  static <T> WaitResult<T> stop() {
    return new WaitResult<>(null, true);
  }
}
