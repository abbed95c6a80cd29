package mode;

import mode.internal.LogbackSupport;
import mode.internal.ServiceMarkers;
import org.slf4j.Logger;
import org.slf4j.Marker;

/**
 * A service's logger: SLF4J messages prefixed in mode's shape, {@code [^--Label]: message}, where
 * the number of dashes is the service's depth in the dependency tree minus one (a root logs
 * {@code [^Label]: ...}). Formats and arguments are SLF4J's ({@code {}} placeholders, a trailing
 * throwable is logged with its stack). Every line carries a marker naming the service, so that WARN and ERROR
 * lines reach subscribers as {@code Log} events attributed to it.
 *
 * <p>Obtained from {@code Service.log()}; thread-safe.
 */
public final class ServiceLog {
  static {
    LogbackSupport.quietDefault(); // before the first service logs a line
  }

  /** The arguments of a message without any (varargs would make a new empty array each time). */
  private static final Object[] NO_ARGS = {};

  private final Service service;
  private final Logger logger;
  private final Marker marker;

  ServiceLog(Service service, Logger logger) {
    this.service = service;
    this.logger = logger;
    this.marker = ServiceMarkers.of(service);
  }

  /** {@return the underlying SLF4J logger} It is named after the service's class. */
  public Logger logger() {
    return logger;
  }

  /** {@return the prefix of every message}, e.g. {@code [^-Web]: }. */
  public String prefix() {
    int depth = service.deps.depth();
    return "[^" + "-".repeat(depth - 1) + service.shortLabel() + "]: ";
  }

  /**
   * Logs at TRACE.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void trace(String format, Object... args) {
    if (logger.isTraceEnabled(marker)) {
      logger.trace(marker, prefix() + format, args);
    }
  }

  /**
   * Logs at DEBUG.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void debug(String format, Object... args) {
    if (logger.isDebugEnabled(marker)) {
      logger.debug(marker, prefix() + format, args);
    }
  }

  /**
   * Logs at INFO.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void info(String format, Object... args) {
    if (logger.isInfoEnabled(marker)) {
      logger.info(marker, prefix() + format, args);
    }
  }

  /**
   * Logs at WARN.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void warn(String format, Object... args) {
    if (logger.isWarnEnabled(marker)) {
      logger.warn(marker, prefix() + format, args);
    }
  }

  /**
   * Logs at ERROR.
   *
   * @param format an SLF4J message format, with {@code {}} for each argument
   * @param args the arguments; a trailing throwable is logged with its stack trace
   */
  public void error(String format, Object... args) {
    if (logger.isErrorEnabled(marker)) {
      logger.error(marker, prefix() + format, args);
    }
  }

  /**
   * A lifecycle milestone without arguments: a mundane one ({@code "Starting..."}) at INFO,
   * mode's default mundane level, else ({@code "Started."}) at DEBUG.
   *
   * @return whether it was logged (the log may have taken a while)
   */
  boolean milestone(boolean mundane, String message) {
    if (mundane ? logger.isInfoEnabled(marker) : logger.isDebugEnabled(marker)) {
      if (mundane) {
        logger.info(marker, prefix() + message, NO_ARGS);
      } else {
        logger.debug(marker, prefix() + message, NO_ARGS);
      }
      return true;
    }
    return false;
  }
}
