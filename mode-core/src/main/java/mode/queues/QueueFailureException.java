package mode.queues;

/**
 * What a consumer of a {@link ThrowableQueue} receives in place of a value when a producer handed
 * over a failure with {@link ThrowableQueue#putThrowable}. The failure is the {@linkplain
 * #getCause() cause}; this exception's own stack trace shows where the consumer took it.
 */
public class QueueFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps {@code failure}, the throwable a producer put into the queue.
   *
   * @param failure the throwable the producer put; the cause of this exception
   */
  public QueueFailureException(Throwable failure) {
    super("a producer put a failure into the queue: " + failure, failure);
  }
}
