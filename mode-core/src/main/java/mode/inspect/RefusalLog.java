package mode.inspect;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Logs refused inspect connections at most once per interval, with a count, so a flood of
 * connections cannot flood the worker's log. The first refusal is logged at once; later ones in
 * the same interval are counted and reported with the next refusal after it (or by {@link
 * #flush()}). Thread-safe.
 */
final class RefusalLog {

  private final ReentrantLock lock = new ReentrantLock();
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Consumer<String> sink;
  private boolean loggedOnce;
  private long loggedAt;
  private long unlogged;
  private String latest;

  /**
   * @param interval at most one line per interval
   * @param nanoTime the clock ({@code System::nanoTime}; tests give a fake one)
   * @param sink where lines go (the agent's WARN log)
   */
  RefusalLog(Duration interval, LongSupplier nanoTime, Consumer<String> sink) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.sink = sink;
  }

  /** Notes one refused connection and why. */
  void refused(String reason) {
    String line = null;
    lock.lock();
    try {
      long now = nanoTime.getAsLong();
      unlogged++;
      latest = reason;
      if (!loggedOnce || now - loggedAt >= intervalNanos) {
        line = lineLocked();
        loggedOnce = true;
        loggedAt = now;
      }
    } finally {
      lock.unlock();
    }
    if (line != null) {
      sink.accept(line); // outside the lock: a slow log must not stall other refusals
    }
  }

  /** Logs what was counted and not yet logged, if anything. */
  void flush() {
    String line = null;
    lock.lock();
    try {
      if (unlogged > 0) {
        line = lineLocked();
      }
    } finally {
      lock.unlock();
    }
    if (line != null) {
      sink.accept(line);
    }
  }

  private String lineLocked() {
    String line = unlogged == 1
        ? "inspect connection refused: " + latest
        : "inspect connections refused: " + unlogged + " since the last report (latest: " + latest + ")";
    unlogged = 0;
    return line;
  }
}
