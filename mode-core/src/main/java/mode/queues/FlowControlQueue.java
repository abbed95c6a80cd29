package mode.queues;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO queue whose producers wait while its {@link FlowControl} is suspended (mode's {@code
 * FlowControlQueue}).
 *
 * <p>{@link #put} waits first for the flow control to be active, then for room. Consumers
 * ({@link #take}, {@link #poll()}) are not paused: they drain what is queued. A queue created
 * with {@code clearOnResume} is emptied whenever its flow control resumes, so values queued
 * before a pause are not consumed after it.
 *
 * <p>Back-pressure as in mode: {@link #putEnhanced} always enqueues, and reports "pressure high"
 * once the queue holds at least {@link #pressureHighSize()} values ({@code floor(capacity /
 * 1.25)}); it then remembers the producer's drop callback. Consumers call the remembered
 * callbacks back as the queue drains: one per take while at most {@link #pressureDropSize()}
 * ({@code floor(capacity * 0.40)}) values remain, all of them once the queue is empty. An
 * unbounded queue never reports pressure (mode's reports it on every put, a quirk).
 *
 * <p>Thread-safe. Blocking calls are interruptible. Null values are rejected. Callbacks run in
 * the producer's or consumer's thread, never while the queue's lock is held.
 *
 * @param <T> the type of the values
 */
public sealed class FlowControlQueue<T> permits ThrowableQueue {
  final ReentrantLock lock = new ReentrantLock();
  final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final Set<Runnable> pendingDrops = new LinkedHashSet<>();
  private final int capacity;
  private final FlowControl flowControl;

  /**
   * An unbounded queue governed by {@code flowControl}, not cleared on resume.
   *
   * @param flowControl the flow control that suspends and resumes the producers
   */
  public FlowControlQueue(FlowControl flowControl) {
    this(Integer.MAX_VALUE, flowControl, false);
  }

  /**
   * A queue holding at most {@code capacity} values, governed by {@code flowControl}.
   *
   * @param capacity the most values the queue holds
   * @param flowControl the flow control that suspends and resumes the producers
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public FlowControlQueue(int capacity, FlowControl flowControl) {
    this(capacity, flowControl, (Void) null);
  }

  /**
   * A queue holding at most {@code capacity} values; if {@code clearOnResume}, it is emptied each
   * time {@code flowControl} resumes.
   *
   * @param capacity the most values the queue holds
   * @param flowControl the flow control that suspends and resumes the producers
   * @param clearOnResume whether each resume of {@code flowControl} empties the queue
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public FlowControlQueue(int capacity, FlowControl flowControl, boolean clearOnResume) {
    this(capacity, flowControl);
    if (clearOnResume) {
      flowControl.clearOnResume(this);
    }
  }

  /** For subclasses, which register for clearing once they are fully initialized. */
  FlowControlQueue(int capacity, FlowControl flowControl, Void unregistered) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.flowControl = Objects.requireNonNull(flowControl, "flowControl");
  }

  /** {@return the flow control that governs this queue's producers} */
  public final FlowControl flowControl() {
    return flowControl;
  }

  /** {@return the maximum number of values} {@link Integer#MAX_VALUE} when unbounded. */
  public final int capacity() {
    return capacity;
  }

  /**
   * {@return the size at which {@link #putEnhanced} reports pressure}: {@code floor(capacity /
   * 1.25)}.
   */
  public final int pressureHighSize() {
    return capacity == Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.floor(capacity / 1.25);
  }

  /**
   * {@return the size at or below which drop callbacks are called back}: {@code floor(capacity *
   * 0.40)}.
   */
  public final int pressureDropSize() {
    return (int) Math.floor(capacity * 0.40);
  }

  /**
   * Adds {@code value}, waiting while the flow control is suspended, then while the queue is full.
   *
   * @param value the value to add
   * @throws InterruptedException if interrupted while waiting (nothing was added)
   * @throws NullPointerException if {@code value} is null
   */
  public final void put(T value) throws InterruptedException {
    Objects.requireNonNull(value, "value");
    flowControl.awaitActive();
    lock.lockInterruptibly();
    try {
      while (items.size() >= capacity) {
        notFull.await();
      }
      enqueue(value);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code value} if the flow control becomes active and room frees up within {@code
   * timeout}.
   *
   * @param value the value to add
   * @param timeout the longest time to wait
   * @return true if added, false if the timeout elapsed first
   * @throws InterruptedException if interrupted while waiting (nothing was added)
   */
  public final boolean offer(T value, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(value, "value");
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!flowControl.awaitActive(timeout)) {
      return false;
    }
    lock.lockInterruptibly();
    try {
      long nanos = deadline - System.nanoTime();
      while (items.size() >= capacity) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notFull.awaitNanos(nanos);
      }
      enqueue(value);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code value} at once, ignoring the capacity and the flow control (mode's {@code
   * force_put_nowait}).
   *
   * @param value the value to add
   */
  public final void forcePut(T value) {
    Objects.requireNonNull(value, "value");
    lock.lock();
    try {
      enqueue(value);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code value} at once (like {@link #forcePut}) and applies back-pressure: if the queue
   * already holds {@link #pressureHighSize()} values or more and {@code onPressureDrop} is not
   * already waiting, calls {@code onPressureHigh} (in this thread) and remembers {@code
   * onPressureDrop}, which a consumer calls once the queue has drained (see the class comment).
   *
   * @param value the value to add
   * @param onPressureHigh called when this call reports pressure
   * @param onPressureDrop called by a consumer once the queue has drained
   * @return true if pressure was reported by this call
   */
  public final boolean putEnhanced(T value, Runnable onPressureHigh, Runnable onPressureDrop) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(onPressureHigh, "onPressureHigh");
    Objects.requireNonNull(onPressureDrop, "onPressureDrop");
    boolean high;
    lock.lock();
    try {
      high = !pendingDrops.contains(onPressureDrop) && items.size() >= pressureHighSize();
      if (high) {
        pendingDrops.add(onPressureDrop);
      }
      enqueue(value);
    } finally {
      lock.unlock();
    }
    if (high) {
      onPressureHigh.run();
    }
    return high;
  }

  /**
   * Removes and returns the oldest value, waiting until there is one.
   *
   * @return the oldest value, removed
   * @throws InterruptedException if interrupted while waiting
   */
  public T take() throws InterruptedException {
    releasePressure();
    lock.lockInterruptibly();
    try {
      while (!hasNext()) {
        notEmpty.await();
      }
      return next();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes and returns the oldest value, without waiting.
   *
   * @return the value, or null if the queue is empty
   */
  public T poll() {
    releasePressure();
    lock.lock();
    try {
      return hasNext() ? next() : null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes and returns the oldest value, waiting at most {@code timeout} for one.
   *
   * @param timeout the longest time to wait
   * @return the value, or null if none arrived in time
   * @throws InterruptedException if interrupted while waiting
   */
  public T poll(Duration timeout) throws InterruptedException {
    releasePressure();
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      while (!hasNext()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return next();
    } finally {
      lock.unlock();
    }
  }

  /** {@return the number of values queued} */
  public final int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  /** {@return whether a consumer would have to wait} */
  public boolean isEmpty() {
    lock.lock();
    try {
      return !hasNext();
    } finally {
      lock.unlock();
    }
  }

  /** Drops every queued value and wakes producers waiting for room. */
  public void clear() {
    lock.lock();
    try {
      items.clear();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a consumer can take something now. Called with the lock held. */
  boolean hasNext() {
    return !items.isEmpty();
  }

  /** Removes what a consumer gets next. Called with the lock held, only if {@link #hasNext()}. */
  T next() {
    T value = items.removeFirst();
    notFull.signal();
    return value;
  }

  private void enqueue(T value) {
    items.addLast(value);
    notEmpty.signal();
  }

  /** Calls back the drop callbacks that are due (mode's {@code maybe_endorse_pressure_drop}). */
  private void releasePressure() {
    List<Runnable> due = new ArrayList<>(0);
    lock.lock();
    try {
      if (pendingDrops.isEmpty()) {
        return;
      }
      if (items.isEmpty()) {
        due.addAll(pendingDrops);
        pendingDrops.clear();
      } else if (items.size() <= pressureDropSize()) {
        Iterator<Runnable> oldest = pendingDrops.iterator();
        due.add(oldest.next());
        oldest.remove();
      }
    } finally {
      lock.unlock();
    }
    due.forEach(Runnable::run);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[size=" + size() + ", capacity="
        + (capacity == Integer.MAX_VALUE ? "unbounded" : capacity) + ", " + flowControl + "]";
  }
}
