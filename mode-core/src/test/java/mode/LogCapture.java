package mode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger (and its children) logs while open, at DEBUG and above unless a
 * level is given. Shared by the tests of every package of mode-core.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  /** Captures the logger of {@code type} at DEBUG and above. */
  public LogCapture(Class<?> type) {
    this(type, Level.DEBUG);
  }

  /** Captures the logger of {@code type} at {@code level} and above. */
  public LogCapture(Class<?> type, Level level) {
    logger = (Logger) LoggerFactory.getLogger(type);
    previous = logger.getLevel();
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  /** Every captured line as {@code LEVEL message} (arguments filled in). */
  public List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** The service id marker of every captured line ({@code null} where there is none). */
  public List<Long> serviceIds() {
    return appender.list.stream()
        .map(e -> mode.internal.ServiceMarkers.serviceId(e.getMarkerList())).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
