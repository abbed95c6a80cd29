package mode.worker;

import java.util.Locale;

/**
 * The log levels a worker accepts on its command line ({@code --loglevel}), case-insensitive.
 * {@code warning} and {@code critical} are accepted too, as mode's users write them.
 */
public enum LogLevel {
  TRACE, DEBUG, INFO, WARN, ERROR;

  /**
   * The level named {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the accepted names if none matches
   */
  public static LogLevel parse(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT);
    return switch (normalized) {
      case "TRACE" -> TRACE;
      case "DEBUG" -> DEBUG;
      case "INFO" -> INFO;
      case "WARN", "WARNING" -> WARN;
      case "ERROR", "CRITICAL" -> ERROR;
      default ->
          throw new IllegalArgumentException(
              "'" + name + "' is not a log level; use one of trace, debug, info, warn, error");
    };
  }

  /** The lower name, as written on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
