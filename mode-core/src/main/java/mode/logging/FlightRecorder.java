package mode.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import mode.ServiceLog;
import mode.timers.StopSignal;
import mode.timers.TimeSource;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines that only appear when a block of code hangs (mode's {@code flight_recorder}): lines
 * logged through the recorder are held back; if the block is still running when the timeout
 * passes, the recorder logs a warning, replays the held lines with the time each was logged, and
 * logs the stack of the thread that opened it. If the block ends in time, the lines are dropped.
 *
 * <pre>{@code
 * try (FlightRecorder fr = FlightRecorder.start(log(), Duration.ofSeconds(10))) {
 *   fr.info("+fetch {}", key);
 *   cache.fetch(key);
 *   fr.info("-fetch {}", key);
 * }
 * }</pre>
 *
 * <p>Output after a timeout, on the given logger, e.g.:
 *
 * <pre>
 * WARN  [FlightRecorder-3] Still running after PT10S (opened at 2026-11-28T05:12:05Z); replaying its log
 * INFO  [FlightRecorder-3] (2026-11-28T05:12:05Z) +fetch users
 * WARN  [FlightRecorder-3] End of log; thread main is at:
 *       	at ...
 * </pre>
 *
 * <p>Once the timeout has passed, further lines are logged at once with the same prefix (mode
 * keeps buffering them and drops them at the end); after {@link #close()} they are logged at once
 * without the recorder's prefix. Formats and arguments are SLF4J's.
 *
 * <p>Threads: any thread may log through the recorder; the stack reported is that of the thread
 * that called {@link #start}. The timeout is watched by one virtual thread per recorder, which
 * ends at {@link #close()}. If the logger fails while replaying, the failure propagates on that
 * watcher thread and is lost; the block is never affected.
 */
public final class FlightRecorder implements AutoCloseable {
  private static final AtomicLong IDS = new AtomicLong();

  private enum Phase { RECORDING, TIMED_OUT, CLOSED }

  /** One held-back line. */
  private record Line(Instant at, Level level, String format, Object[] args) {}

  private final Logger logger;
  private final Duration timeout;
  private final TimeSource time;
  private final String prefix;
  private final String ident;
  private final Thread owner;
  private final Instant openedAt;
  private final StopSignal closed = new StopSignal();
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private final List<Line> lines = new ArrayList<>();
  /** Guarded by {@link #lock}. */
  private Phase phase = Phase.RECORDING;
  /** Guarded by {@link #lock}. */
  private boolean fired;

  private FlightRecorder(Logger logger, String prefix, Duration timeout, TimeSource time) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.time = Objects.requireNonNull(time, "time");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("flight recorder timeout must be positive, was " + timeout);
    }
    this.prefix = prefix;
    this.ident = prefix + "[FlightRecorder-" + IDS.incrementAndGet() + "] ";
    this.owner = Thread.currentThread();
    this.openedAt = time.now();
  }

  /**
   * Opens a recorder on the calling thread that replays on {@code logger} if it is still open
   * after {@code timeout}.
   *
   * @param logger the logger the held-back lines go to
   * @param timeout how long the recorder may stay open before it replays
   * @return the open recorder; close it when the work is done
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static FlightRecorder start(Logger logger, Duration timeout) {
    return start(logger, timeout, TimeSource.system());
  }

  /**
   * As {@link #start(Logger, Duration)}, on the clock of {@code time} (tests use a fake one).
   * Package-private because {@link TimeSource} is not part of the exported API.
   */
  static FlightRecorder start(Logger logger, Duration timeout, TimeSource time) {
    return open(new FlightRecorder(logger, "", timeout, time));
  }

  /**
   * As {@link #start(Logger, Duration)}, on a service's logger: every line the recorder writes
   * starts with the service's prefix, e.g. {@code [^-Cache]: [FlightRecorder-3] ...}.
   *
   * @param log the service's logger
   * @param timeout how long the recorder may stay open before it replays
   * @return the open recorder; close it when the work is done
   */
  public static FlightRecorder start(ServiceLog log, Duration timeout) {
    return start(log, timeout, TimeSource.system());
  }

  /**
   * As {@link #start(ServiceLog, Duration)}, on the clock of {@code time}. Package-private for
   * the same reason.
   */
  static FlightRecorder start(ServiceLog log, Duration timeout, TimeSource time) {
    return open(new FlightRecorder(log.logger(), log.prefix(), timeout, time));
  }

  private static FlightRecorder open(FlightRecorder recorder) {
    Thread.ofVirtual().name("mode-flight-recorder").start(recorder::watch);
    return recorder;
  }

  /**
   * Holds back (or logs, see the class comment) a line at DEBUG.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void debug(String format, Object... args) {
    log(Level.DEBUG, format, args);
  }

  /**
   * Holds back a line at INFO.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void info(String format, Object... args) {
    log(Level.INFO, format, args);
  }

  /**
   * Holds back a line at WARN.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void warn(String format, Object... args) {
    log(Level.WARN, format, args);
  }

  /**
   * Holds back a line at ERROR.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void error(String format, Object... args) {
    log(Level.ERROR, format, args);
  }

  /**
   * Holds back a line at {@code level}.
   *
   * @param level the line's level
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void log(Level level, String format, Object... args) {
    Phase now;
    lock.lock();
    try {
      now = phase;
      if (now == Phase.RECORDING) {
        lines.add(new Line(time.now(), level, format, args.clone()));
        return;
      }
    } finally {
      lock.unlock();
    }
    emit(level, (now == Phase.TIMED_OUT ? ident : prefix) + format, args);
  }

  /** {@return whether the timeout passed while the recorder was open} */
  public boolean timedOut() {
    lock.lock();
    try {
      return fired;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the block: held-back lines are dropped. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      phase = Phase.CLOSED;
      lines.clear();
    } finally {
      lock.unlock();
    }
    closed.set();
  }

  private void watch() {
    try {
      if (!time.sleepUntil(openedAt.plus(timeout), closed)) {
        return;
      }
    } catch (InterruptedException e) {
      return;
    }
    List<Line> held;
    lock.lock();
    try {
      if (phase != Phase.RECORDING) {
        return;
      }
      // Replayed under the lock, so a line logged meanwhile comes after the replay.
      phase = Phase.TIMED_OUT;
      fired = true;
      held = List.copyOf(lines);
      lines.clear();
      replay(held);
    } finally {
      lock.unlock();
    }
  }

  private void replay(List<Line> held) {
    logger.warn("{}Still running after {} (opened at {}); replaying its log", ident, timeout, openedAt);
    for (Line line : held) {
      emit(line.level(), ident + "(" + line.at() + ") " + line.format(), line.args());
    }
    StringBuilder stack = new StringBuilder();
    for (StackTraceElement e : owner.getStackTrace()) {
      stack.append("\n\tat ").append(e);
    }
    logger.warn("{}End of log; thread {} is at:{}", ident, owner.getName(), stack);
  }

  private void emit(Level level, String format, Object[] args) {
    logger.atLevel(level).log(format, args);
  }
}
