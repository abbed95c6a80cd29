package mode.timers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when told to. Sleepers park until the fake time reaches their deadline
 * or their stop signal is set; every deadline asked for is recorded, in order.
 */
public final class FakeTime implements TimeSource {
  private volatile Instant now;
  private final List<Instant> deadlines = new CopyOnWriteArrayList<>();
  private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();
  private final Set<Instant> waitingFor = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition registered = lock.newCondition();

  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  /** Moves the time forward and wakes the sleepers. */
  public void advance(Duration d) {
    now = now.plus(d);
    sleepers.forEach(LockSupport::unpark);
  }

  /** Sets the time (forward only) and wakes the sleepers. */
  public void setTo(Instant t) {
    advance(Duration.between(now, t));
  }

  /** Every deadline a sleeper asked for, in order. */
  public List<Instant> deadlines() {
    return List.copyOf(deadlines);
  }

  /** Whether some thread is parked waiting for {@code deadline} now. */
  public boolean sleepingUntil(Instant deadline) {
    return waitingFor.contains(deadline);
  }

  /**
   * Blocks until some thread sleeps until {@code deadline} (at most 10 s of real time).
   *
   * @throws AssertionError if none does in time
   */
  public void awaitSleeper(Instant deadline) {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    lock.lock();
    try {
      while (!waitingFor.contains(deadline)) {
        long left = giveUp - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("nobody sleeps until " + deadline + "; deadlines: " + deadlines);
        }
        registered.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a sleeper", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean sleepUntil(Instant deadline, StopSignal stop) throws InterruptedException {
    deadlines.add(deadline);
    Thread me = Thread.currentThread();
    sleepers.add(me);
    stop.enlist();
    lock.lock();
    try {
      waitingFor.add(deadline);
      registered.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      while (!stop.isSet() && now.isBefore(deadline)) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        LockSupport.park(this);
      }
      return !stop.isSet();
    } finally {
      waitingFor.remove(deadline);
      stop.leave();
      sleepers.remove(me);
    }
  }
}
