package mode;

/**
 * A lifecycle call failed: a start hook threw, a dependency failed to start, or the call was
 * not legal in the service's current state.
 *
 * <p>The message names the service and, for an illegal call, the expected and the actual state.
 * When a hook threw, that exception is the {@linkplain #getCause() cause}.
 */
public class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with a message that names the service.
   *
   * @param message what failed, naming the service
   */
  public ServiceException(String message) {
    super(message);
  }

  /**
   * A failure caused by {@code cause}, typically the exception a hook threw.
   *
   * @param message what failed, naming the service
   * @param cause the original exception
   */
  public ServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
