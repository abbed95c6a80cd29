package mode.queues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A switch that suspends and resumes production into the queues that share it (mode's {@code
 * FlowControlEvent}).
 *
 * <p>While suspended, producers calling {@link FlowControlQueue#put} wait until {@link #resume()}
 * (consumers keep draining what is already queued). On resume, every queue created with {@code
 * clearOnResume} is emptied first, so values queued before the pause are dropped. Queues are
 * remembered weakly: sharing a flow control does not keep a queue alive.
 *
 * <p>mode's flow control starts suspended; here the initial state is chosen explicitly with
 * {@link #startSuspended()} or {@link #startActive()}.
 *
 * <p>Thread-safe; {@link #awaitActive()} is interruptible.
 */
public final class FlowControl {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition resumed = lock.newCondition();
  private final Set<FlowControlQueue<?>> clearedOnResume = Collections.newSetFromMap(new WeakHashMap<>());
  private boolean suspended;

  private FlowControl(boolean suspended) {
    this.suspended = suspended;
  }

  /**
   * {@return a flow control that starts suspended, as mode's does: producers wait for {@link
   * #resume()}}
   */
  public static FlowControl startSuspended() {
    return new FlowControl(true);
  }

  /** {@return a flow control that starts active: producers proceed until {@link #suspend()}} */
  public static FlowControl startActive() {
    return new FlowControl(false);
  }

  /** Makes producers of every queue sharing this flow control wait. Idempotent. */
  public void suspend() {
    lock.lock();
    try {
      suspended = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets producers proceed again: first empties every queue created with {@code clearOnResume}
   * (even if this flow control was not suspended, as in mode), then wakes waiting producers.
   */
  public void resume() {
    List<FlowControlQueue<?>> toClear;
    lock.lock();
    try {
      toClear = new ArrayList<>(clearedOnResume);
    } finally {
      lock.unlock();
    }
    // Cleared outside our lock: a queue's own lock is never taken while holding this one.
    toClear.forEach(FlowControlQueue::clear);
    lock.lock();
    try {
      suspended = false;
      resumed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** {@return whether producers may proceed (not suspended)} */
  public boolean isActive() {
    lock.lock();
    try {
      return !suspended;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until this flow control is active; returns at once if it is.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void awaitActive() throws InterruptedException {
    lock.lock();
    try {
      while (suspended) {
        resumed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits at most {@code timeout} until this flow control is active.
   *
   * @param timeout the longest time to wait
   * @return true if active, false if the timeout elapsed first
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitActive(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (suspended) {
        if (nanos <= 0) {
          return false;
        }
        nanos = resumed.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  void clearOnResume(FlowControlQueue<?> queue) {
    lock.lock();
    try {
      clearedOnResume.add(queue);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FlowControl[" + (isActive() ? "active" : "suspended") + "]";
  }
}
