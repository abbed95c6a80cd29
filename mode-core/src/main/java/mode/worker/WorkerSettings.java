package mode.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a worker was asked to do: the builder's values, overridden by the command line.
 *
 * @param logLevel the level of the root logger; {@code --debug} lowers it to DEBUG
 * @param logFile where log lines go instead of standard error, or {@code null}
 * @param debug whether {@code --debug} was given
 * @param quiet whether the worker's own messages on standard output/error are suppressed
 * @param blockingTimeout how long a hook, task step or timer callback may run before it is
 *     reported as blocking
 */
public record WorkerSettings(
    LogLevel logLevel, Path logFile, boolean debug, boolean quiet, Duration blockingTimeout) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the blocking timeout is not positive
   */
  public WorkerSettings {
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(blockingTimeout, "blockingTimeout");
    if (blockingTimeout.isZero() || blockingTimeout.isNegative()) {
      throw new IllegalArgumentException("blocking timeout must be positive, was " + blockingTimeout);
    }
  }

  /** mode's defaults: log level WARN (mode leaves the root logger at WARNING), 10 s blocking timeout. */
  public static WorkerSettings defaults() {
    return new WorkerSettings(LogLevel.WARN, null, false, false, Duration.ofSeconds(10));
  }

  /** The level the root logger gets: {@link #logLevel()}, lowered to DEBUG by {@code --debug}. */
  public LogLevel effectiveLogLevel() {
    return debug && logLevel.compareTo(LogLevel.DEBUG) > 0 ? LogLevel.DEBUG : logLevel;
  }

  /** The same settings with another log level. */
  public WorkerSettings withLogLevel(LogLevel level) {
    return new WorkerSettings(level, logFile, debug, quiet, blockingTimeout);
  }

  /** The same settings with another log file ({@code null}: standard error). */
  public WorkerSettings withLogFile(Path file) {
    return new WorkerSettings(logLevel, file, debug, quiet, blockingTimeout);
  }

  /** The same settings with debug on or off. */
  public WorkerSettings withDebug(boolean on) {
    return new WorkerSettings(logLevel, logFile, on, quiet, blockingTimeout);
  }

  /** The same settings with quiet on or off. */
  public WorkerSettings withQuiet(boolean on) {
    return new WorkerSettings(logLevel, logFile, debug, on, blockingTimeout);
  }

  /** The same settings with another blocking timeout. */
  public WorkerSettings withBlockingTimeout(Duration timeout) {
    return new WorkerSettings(logLevel, logFile, debug, quiet, timeout);
  }
}
