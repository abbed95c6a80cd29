package mode.queues;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A {@link FlowControlQueue} that can also carry failures (mode's {@code ThrowableQueue}).
 *
 * <p>{@link #putThrowable} hands a throwable to the consumers: the next {@link #take()} or
 * {@link #poll()} (a waiting consumer first) throws a {@link QueueFailureException} whose cause is
 * that throwable. Failures go ahead of values still queued, oldest failure first, and never wait
 * for the flow control or for room. {@link #isEmpty()} is false while a failure is pending;
 * {@link #clear()} drops failures too.
 *
 * <p>Thread-safe, like {@link FlowControlQueue}.
 *
 * @param <T> the type of the values
 */
public final class ThrowableQueue<T> extends FlowControlQueue<T> {
  private final ArrayDeque<Throwable> failures = new ArrayDeque<>();

  /**
   * An unbounded queue governed by {@code flowControl}.
   *
   * @param flowControl the flow control that suspends and resumes the producers
   */
  public ThrowableQueue(FlowControl flowControl) {
    super(flowControl);
  }

  /**
   * A queue of at most {@code capacity} values (failures do not count); see {@link
   * FlowControlQueue#FlowControlQueue(int, FlowControl, boolean)}.
   *
   * @param capacity the most values the queue holds
   * @param flowControl the flow control that suspends and resumes the producers
   * @param clearOnResume whether each resume of {@code flowControl} empties the queue
   */
  public ThrowableQueue(int capacity, FlowControl flowControl, boolean clearOnResume) {
    super(capacity, flowControl, (Void) null);
    if (clearOnResume) {
      // Registered only now: a resume on another thread may clear this queue at once.
      flowControl.clearOnResume(this);
    }
  }

  /**
   * Makes the next consumer throw a {@link QueueFailureException} caused by {@code failure}. Does
   * not wait.
   *
   * @param failure the cause of the exception the consumer gets
   * @throws NullPointerException if {@code failure} is null
   */
  public void putThrowable(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    lock.lock();
    try {
      failures.addLast(failure);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** {@return the number of failures not yet delivered to a consumer} */
  public int pendingFailures() {
    lock.lock();
    try {
      return failures.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws QueueFailureException if a failure is pending (it is removed)
   */
  @Override
  public T take() throws InterruptedException {
    return super.take();
  }

  /**
   * {@inheritDoc}
   *
   * @throws QueueFailureException if a failure is pending (it is removed)
   */
  @Override
  public T poll() {
    return super.poll();
  }

  /**
   * {@inheritDoc}
   *
   * @throws QueueFailureException if a failure is pending or arrives in time (it is removed)
   */
  @Override
  public T poll(java.time.Duration timeout) throws InterruptedException {
    return super.poll(timeout);
  }

  /** Drops queued values and pending failures. */
  @Override
  public void clear() {
    lock.lock();
    try {
      failures.clear();
      super.clear();
    } finally {
      lock.unlock();
    }
  }

  @Override
  boolean hasNext() {
    return !failures.isEmpty() || super.hasNext();
  }

  @Override
  T next() {
    Throwable failure = failures.pollFirst();
    if (failure != null) {
      throw new QueueFailureException(failure);
    }
    return super.next();
  }
}
