package mode.timers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that moves only when told to. Sleepers park until the fake time reaches their deadline
 * or their stop signal is set; every deadline asked for is recorded, in order.
 */
public final class FakeTime implements TimeSource {
  private volatile Instant now;
  private final List<Instant> deadlines = new CopyOnWriteArrayList<>();
  private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();
  private final Set<Instant> waitingFor = ConcurrentHashMap.newKeySet();

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

  @Override
  public boolean sleepUntil(Instant deadline, StopSignal stop) throws InterruptedException {
    deadlines.add(deadline);
    Thread me = Thread.currentThread();
    sleepers.add(me);
    stop.enlist();
    waitingFor.add(deadline);
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
