package mode.timers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot signal that wakes sleeping threads: a service sets it when it is asked to stop or
 * when it crashes, and every {@code sleep}, {@code waitUntilStopped} and timer wait of that run
 * returns at once.
 *
 * <p>Thread-safe. Waiting parks the thread (no monitor, so virtual threads are not pinned); any
 * code that parks on this signal's behalf registers itself with {@link #enlist()} so that {@link
 * #set()} can unpark it.
 *
 * <p>The set of waiters is made by the first {@link #enlist()}: most signals (one per run of every
 * service) are set without anyone ever waiting on them, and then cost one object and no set.
 */
public final class StopSignal {
  private static final VarHandle WAITERS;

  static {
    try {
      WAITERS = MethodHandles.lookup().findVarHandle(StopSignal.class, "waiters", Set.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile boolean set;
  /** The threads to unpark; null until the first {@link #enlist()}, then never replaced. */
  private volatile Set<Thread> waiters;

  /** Makes a signal that is not set. */
  public StopSignal() {}

  /** Whether the signal was set. */
  public boolean isSet() {
    return set;
  }

  /** Sets the signal and wakes every waiter. Idempotent. */
  public void set() {
    if (set) {
      return; // the set() that set it wakes the waiters; later ones see the flag before parking
    }
    set = true;
    // A waiter enlists before it checks the flag, and the flag is written before this read (both
    // volatile): a waiter this read misses sees the flag and does not park.
    Set<Thread> ws = waiters;
    if (ws != null) {
      for (Thread waiter : ws) {
        LockSupport.unpark(waiter);
      }
    }
  }

  /**
   * Registers the calling thread to be unparked by {@link #set()}; pair with {@link #leave()} in a
   * {@code finally} block. Used by time sources that park on their own terms.
   */
  public void enlist() {
    Set<Thread> ws = waiters;
    if (ws == null) {
      Set<Thread> made = ConcurrentHashMap.newKeySet();
      ws = WAITERS.compareAndSet(this, (Set<Thread>) null, made) ? made : waiters;
    }
    ws.add(Thread.currentThread());
  }

  /** Undoes {@link #enlist()} for the calling thread. */
  public void leave() {
    Set<Thread> ws = waiters;
    if (ws != null) {
      ws.remove(Thread.currentThread());
    }
  }

  /**
   * Waits in real time until the signal is set or {@code timeout} passes.
   *
   * @return whether the signal is set
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public boolean await(Duration timeout) throws InterruptedException {
    if (set) {
      return true;
    }
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    enlist();
    try {
      while (!set) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        LockSupport.parkNanos(this, left);
      }
      return true;
    } finally {
      leave();
    }
  }

  /**
   * {@code d} in nanoseconds for a deadline {@code System.nanoTime() + result}: 0 for a negative
   * duration, and a duration too long for a {@code long} (or near it) is cut so that the sum
   * cannot overflow.
   */
  public static long saturatedNanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    try {
      return Math.min(d.toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }
}
