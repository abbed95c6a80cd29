package mode;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import mode.internal.Activities;
import mode.timers.StopSignal;
import mode.timers.TimeSource;
import mode.timers.TimerSchedule;

/**
 * One iteration of {@link Service#timerLoop}: each {@link #hasNext()} waits for the next slot of
 * a drift-corrected schedule (the one {@code @Timer} uses) and is {@code false} once the service
 * should stop; {@link #next()} returns the slot's instant. The time between a {@code next()} and
 * the following {@code hasNext()} is the loop body's run: a body longer than the interval is an
 * overrun (logged at WARN), and the schedule resumes at the first slot after it.
 *
 * <p>Not thread-safe: one thread iterates.
 */
final class TimerIteration implements Iterator<Instant> {
  private final Service service;
  private final Duration interval;
  private final TimeSource time;
  private final StopSignal stop;
  private final TimerSchedule schedule;
  private Instant slot;
  private Instant bodyBegan;
  /** {@code null} until {@link #hasNext()} decided whether another tick comes. */
  private Boolean more;

  TimerIteration(Service service, Duration interval) {
    this.service = service;
    this.interval = interval;
    this.time = service.tasks.time;
    this.stop = service.machine.signal();
    this.schedule = new TimerSchedule(time.now(), interval);
    this.slot = schedule.current();
  }

  @Override
  public boolean hasNext() {
    if (more == null) {
      more = waitForSlot();
    }
    return more;
  }

  @Override
  public Instant next() {
    if (!hasNext()) {
      throw new NoSuchElementException(service.label() + ": the timer loop ended (the service stops)");
    }
    more = null;
    bodyBegan = time.now();
    return slot;
  }

  private boolean waitForSlot() {
    if (bodyBegan != null) {
      Instant ended = time.now();
      Duration took = Duration.between(bodyBegan, ended);
      boolean overrun = took.compareTo(interval) > 0;
      if (overrun) {
        service.log().warn("Timer loop every {} overran: the body took {}; resuming at the next slot", interval, took);
      }
      slot = schedule.advance(ended, overrun);
    }
    if (service.shouldStop()) {
      return false;
    }
    Activities.pause();
    try {
      return time.sleepUntil(slot, stop) && !service.shouldStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      Activities.resume();
    }
  }
}
